import { z } from "zod";
import { Id } from "../identity/schema.js";
import { VISIBILITIES } from "./model.js";

export const Slug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens, starting with a letter or digit");
export const VisibilitySchema = z.enum(VISIBILITIES).describe("draft: editors only; internal: signed-in people; public: anyone");

const Title = z.string().trim().min(1, "must not be empty").max(200);
const Summary = z.string().trim().max(500);
const Markdown = z.string().max(200_000).describe("The article in Markdown (CommonMark + tables; a heading may end in {#id})");

export const ArticleCreateBody = z.strictObject({
  title: Title,
  slug: Slug.optional().describe("The address (/kb/<slug>); made from the title when left out"),
  summary: Summary.default(""),
  body: Markdown,
  categoryId: Id.nullable().default(null),
  visibility: VisibilitySchema.default("draft"),
});

export const ArticleUpdateBody = z.strictObject({
  title: Title,
  slug: Slug,
  summary: Summary,
  body: Markdown,
  categoryId: Id.nullable(),
  visibility: VisibilitySchema,
  note: z.string().trim().max(200).default("").describe("What changed, shown in the history"),
  version: z.number().int().min(1).describe("The version this edit was made to; a newer one in the database answers 409"),
});

export const VersionBody = z.strictObject({ version: z.number().int().min(1).describe("The article's current version") });

export const SlugParams = z.strictObject({ slug: Slug });
export const VersionParams = z.strictObject({ id: Id, version: z.coerce.number().int().min(1).max(1_000_000) });

const Heading = z.object({ level: z.number(), id: z.string(), text: z.string() });
const CategoryRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });

export const ArticleSummaryView = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    categoryId: z.string().nullable(),
    visibility: VisibilitySchema,
    version: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: "KbArticleSummary" });

export const ArticleView = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    html: z.string().describe("Rendered from the Markdown and sanitised on the server"),
    headings: z.array(Heading),
    category: CategoryRef.nullable(),
    visibility: VisibilitySchema,
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
    redirectedFrom: z.string().nullable().describe("The old slug asked for, when the article has since been renamed"),
    myVote: z.boolean().nullable().describe("Your answer to “Was this helpful?”; null before you answer or when signed out"),
    votes: z.object({ helpful: z.number(), notHelpful: z.number() }).nullable().describe("Editors only"),
    body: z.string().nullable().describe("The Markdown; editors only"),
    categoryId: z.string().nullable(),
  })
  .meta({ id: "KbArticle" });

export const ArticleListQuery = z.strictObject({
  categoryId: Id.optional(),
  uncategorised: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const SearchQuery = z.strictObject({
  q: z.string().max(500).describe("Words to find; any punctuation or operator syntax is treated as a separator"),
  categoryId: Id.optional(),
  mode: z.enum(["all", "any"]).default("all").describe("all: every word (falling back to any word when nothing has them all)"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const SuggestQuery = z.strictObject({
  q: z.string().max(2000).describe("What the person has typed so far"),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

const SnippetPart = z.object({ text: z.string(), match: z.boolean() });

export const SearchHitView = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    visibility: VisibilitySchema,
    categoryId: z.string().nullable(),
    updatedAt: z.string(),
    snippet: z.array(SnippetPart).describe("Text runs; `match` marks the words found. Render as text, not HTML."),
  })
  .meta({ id: "KbSearchHit" });

export const SearchResultView = z.object({
  results: z.array(SearchHitView),
  matched: z.enum(["all", "any", "none"]).describe("Whether results contain every word, only some, or the query had no searchable words"),
});

export const VersionSummaryView = z.object({
  version: z.number(),
  title: z.string(),
  slug: z.string(),
  visibility: VisibilitySchema,
  categoryId: z.string().nullable(),
  author: z.string(),
  note: z.string(),
  createdAt: z.string(),
});

export const VersionView = VersionSummaryView.extend({ summary: z.string(), body: z.string(), html: z.string() });

export const PreviewBody = z.strictObject({ body: Markdown });
export const PreviewView = z.object({ html: z.string(), headings: z.array(Heading) });

export const VoteBody = z.strictObject({ helpful: z.boolean() });
export const VoteView = z.object({ myVote: z.boolean(), votes: z.object({ helpful: z.number(), notHelpful: z.number() }).nullable() });

export const CategoryBody = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(80),
  description: z.string().trim().max(500).default(""),
  position: z.number().int().min(0).max(10_000).default(0),
});

export const CategoryView = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    position: z.number(),
    articleCount: z.number().describe("Articles in it that you can read"),
  })
  .meta({ id: "KbCategory" });

export const CategoriesView = z.object({ categories: z.array(CategoryView), uncategorisedCount: z.number() });

const RequestType = z.string().trim().min(1).max(64);

export const SessionCreateBody = z.strictObject({
  query: z.string().max(2000),
  shown: z.array(Id).max(50).describe("Ids of the articles shown"),
  requestType: RequestType.optional(),
});
export const SessionUpdateBody = z.strictObject({
  query: z.string().max(2000).optional(),
  shown: z.array(Id).max(50).optional(),
  requestType: RequestType.optional(),
});
export const ClickBody = z.strictObject({ articleId: Id });
export const SolvedBody = z.strictObject({ articleId: Id.nullable().default(null) });

export const SessionView = z
  .object({
    id: z.string(),
    requestType: z.string().nullable(),
    query: z.string(),
    shown: z.array(z.string()),
    clicked: z.array(z.string()),
    solvedArticleId: z.string().nullable(),
    solvedAt: z.string().nullable(),
    requestId: z.string().nullable(),
    requestFiledAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "KbSuggestionSession" });
