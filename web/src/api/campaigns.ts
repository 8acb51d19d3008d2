import { api } from "./client.js";

export interface Campaign {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

export const campaignsKey = ["campaigns"] as const;

export const fetchCampaigns = () => api<{ campaigns: Campaign[] }>("GET", "/api/campaigns").then((r) => r.campaigns);

export const createCampaign = (input: { name: string; description?: string }) => api<Campaign>("POST", "/api/campaigns", { body: input });
