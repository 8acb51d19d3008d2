import type { Actor } from "../identity/actor.js";

export const VISIBILITIES = ["draft", "internal", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Who reads what: anyone the public articles, signed-in people the internal ones too, editors drafts as well. */
export function visibleTo(actor: Actor | null): Visibility[] {
  if (!actor) return ["public"];
  return actor.permissions.has("kb.manage") ? ["draft", "internal", "public"] : ["internal", "public"];
}

export const canEdit = (actor: Actor | null) => actor?.permissions.has("kb.manage") ?? false;

export interface ArticleFields {
  title: string;
  slug: string;
  summary: string;
  body: string;
  categoryId: string | null;
  visibility: Visibility;
}

export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  html: string;
  category_id: string | null;
  visibility: string;
  version: number;
  starter_key: string | null;
  created_at: string;
  updated_at: string;
}
