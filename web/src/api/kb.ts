import { api } from "./client.js";

/** The knowledge base's shapes as the API sends them (server/kb/schema.ts). */

export const VISIBILITIES = ["draft", "internal", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface Heading {
  level: number;
  id: string;
  text: string;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  categoryId: string | null;
  visibility: Visibility;
  version: number;
  updatedAt: string;
}

export interface Article {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** Sanitised on the server. */
  html: string;
  headings: Heading[];
  category: { id: string; name: string; slug: string } | null;
  categoryId: string | null;
  visibility: Visibility;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  redirectedFrom: string | null;
  myVote: boolean | null;
  votes: { helpful: number; notHelpful: number } | null;
  body: string | null;
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  summary: string;
  visibility: Visibility;
  categoryId: string | null;
  updatedAt: string;
  snippet: SnippetPart[];
}

export interface Category {
  id: string;
  name: string;
  slug: string;
  description: string;
  position: number;
  articleCount: number;
}

export interface Categories {
  categories: Category[];
  uncategorisedCount: number;
}

export interface VersionSummary {
  version: number;
  title: string;
  slug: string;
  visibility: Visibility;
  categoryId: string | null;
  author: string;
  note: string;
  createdAt: string;
}

export interface Version extends VersionSummary {
  summary: string;
  body: string;
  html: string;
}

export interface ArticleInput {
  title: string;
  slug: string;
  summary: string;
  body: string;
  categoryId: string | null;
  visibility: Visibility;
}

export const kbKeys = {
  all: ["kb"] as const,
  categories: ["kb", "categories"] as const,
  list: (categoryId: string | null) => ["kb", "list", categoryId] as const,
  search: (q: string) => ["kb", "search", q] as const,
  article: (slug: string) => ["kb", "article", slug] as const,
  publicArticle: (slug: string) => ["kb", "public", slug] as const,
  versions: (id: string) => ["kb", "versions", id] as const,
  version: (id: string, version: number) => ["kb", "versions", id, version] as const,
};

export const fetchCategories = () => api<Categories>("GET", "/api/kb/categories");
export const fetchArticles = (categoryId: string | null) =>
  api<{ articles: ArticleSummary[]; nextOffset: number | null }>("GET", "/api/kb/articles", {
    query: categoryId === "none" ? { uncategorised: "true", limit: 200 } : { categoryId, limit: 200 },
  });
export const searchArticles = (q: string, signal?: AbortSignal) =>
  api<{ results: SearchHit[]; matched: "all" | "any" | "none" }>("GET", "/api/kb/search", { query: { q }, ...(signal ? { signal } : {}) });
export const fetchArticle = (slug: string) => api<Article>("GET", `/api/kb/articles/${encodeURIComponent(slug)}`);
export const fetchPublicArticle = (slug: string) => api<Article>("GET", `/api/kb/public/articles/${encodeURIComponent(slug)}`);
export const createArticle = (input: Partial<ArticleInput> & { title: string; body: string }) =>
  api<Article>("POST", "/api/kb/articles", { body: input });
export const updateArticle = (id: string, input: ArticleInput & { version: number; note: string }) =>
  api<Article>("PUT", `/api/kb/articles/${id}`, { body: input });
export const deleteArticle = (id: string, version: number) => api<void>("DELETE", `/api/kb/articles/${id}`, { query: { version } });
export const previewMarkdown = (body: string, signal?: AbortSignal) =>
  api<{ html: string; headings: Heading[] }>("POST", "/api/kb/preview", { body: { body }, ...(signal ? { signal } : {}) });
export const fetchVersions = (id: string) => api<{ versions: VersionSummary[] }>("GET", `/api/kb/articles/${id}/versions`);
export const fetchVersion = (id: string, version: number) => api<Version>("GET", `/api/kb/articles/${id}/versions/${version}`);
export const restoreVersion = (id: string, version: number, current: number) =>
  api<Article>("POST", `/api/kb/articles/${id}/versions/${version}/restore`, { body: { version: current } });
export const voteOnArticle = (id: string, helpful: boolean) =>
  api<{ myVote: boolean; votes: Article["votes"] }>("PUT", `/api/kb/articles/${id}/vote`, { body: { helpful } });
export const createCategory = (input: { name: string; description?: string }) =>
  api<Categories>("POST", "/api/kb/categories", { body: input });
export const deleteCategory = (id: string) => api<void>("DELETE", `/api/kb/categories/${id}`);

export const VISIBILITY_LABELS: Record<Visibility, string> = { draft: "Draft", internal: "Internal", public: "Public" };
export const VISIBILITY_HINTS: Record<Visibility, string> = {
  draft: "Only editors see it.",
  internal: "Everyone signed in can read it.",
  public: "Anyone can read it, without signing in.",
};
