import { api } from "./client.js";

export interface Campaign {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

export const campaignsKey = ["campaigns"] as const;

export const fetchCampaigns = () => api<{ campaigns: Campaign[] }>("GET", "/api/campaigns").then((r) => r.campaigns);
