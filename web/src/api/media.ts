import { api } from "./client.js";

/** An image attached to a post (server/media/schema.ts PostMediaView). */
export interface PostMedia {
  id: string;
  mimeType: string;
  alt: string;
  width: number | null;
  height: number | null;
  byteSize: number;
  /** The bytes, for a signed-in user. */
  url: string;
}

/** The types and size the server takes (server/media/schema.ts). */
export const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_POST_MEDIA = 10;

export const uploadMedia = (file: Blob) => api<PostMedia>("POST", "/api/media", { body: file });

export const setMediaAlt = (id: string, alt: string) => api<PostMedia>("PATCH", `/api/media/${encodeURIComponent(id)}`, { body: { alt } });

export const deleteMedia = (id: string) => api<void>("DELETE", `/api/media/${encodeURIComponent(id)}`);
