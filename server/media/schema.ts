import { z } from "zod";

/** What can be uploaded: the image types the connectors that publish media accept (no video yet: none sends it). */
export const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** The largest upload. Larger than any network takes an image, so each channel's own limit is what decides. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The most images a post may carry; each channel's own (smaller) limit is checked per network. */
export const MAX_POST_MEDIA = 10;

/** Mastodon's limit is 1,500, X's 1,000, Bluesky's 2,000: stored up to the longest, checked per network. */
export const MAX_ALT_TEXT = 2000;

export const AltText = z.string().max(MAX_ALT_TEXT);

export const MediaView = z.object({
  id: z.string(),
  mimeType: z.string(),
  byteSize: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  alt: z.string(),
  sha256: z.string(),
  uploader: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  /** Where the bytes are (needs posts.read). */
  url: z.string(),
  /** How many posts use it; one in use cannot be deleted. */
  usedBy: z.number(),
});
export type MediaViewType = z.infer<typeof MediaView>;

/** An attachment as a post shows it. */
export const PostMediaView = z.object({
  id: z.string(),
  mimeType: z.string(),
  alt: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  byteSize: z.number(),
  url: z.string(),
});
export type PostMediaViewType = z.infer<typeof PostMediaView>;

export const MediaPatch = z.strictObject({ alt: AltText.describe("The image described for people who cannot see it") });

export const contentUrlOf = (id: string) => `/api/media/${encodeURIComponent(id)}/content`;
