import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/client.js";
import {
  type Article,
  type ArticleInput,
  createArticle,
  deleteArticle,
  fetchArticle,
  fetchCategories,
  kbKeys,
  previewMarkdown,
  updateArticle,
  VISIBILITIES,
  VISIBILITY_HINTS,
  VISIBILITY_LABELS,
  type Visibility,
} from "../../api/kb.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { SelectField } from "../../components/SelectField.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { TextField } from "../../components/TextField.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { ArticleHtml } from "./ArticleHtml.js";
import "./kb.css";
import { LEAVING_AFTER_SAVE, UnsavedChangesGuard } from "../../components/UnsavedChangesGuard.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";

/** The slug the server would make from a title (server/kb/render.ts slugify), shown while typing. */
const slugOf = (title: string) =>
  title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);

const EMPTY: ArticleInput = { title: "", slug: "", summary: "", body: "", categoryId: null, visibility: "draft" };

function Preview({ body }: { body: string }) {
  const settled = useDebouncedValue(body, 400);
  const preview = useQuery({
    queryKey: ["kb", "preview", settled],
    queryFn: ({ signal }) => previewMarkdown(settled, signal),
    placeholderData: (previous) => previous,
  });
  return (
    <section className="card kb-preview" aria-labelledby="kb-preview">
      <h2 id="kb-preview" className="subheading">
        Preview
      </h2>
      <ErrorMessage error={preview.error} />
      {preview.data?.html ? <ArticleHtml html={preview.data.html} label="Preview" /> : <p className="muted">Nothing to preview yet.</p>}
    </section>
  );
}

function Editor({ article }: { article: Article | null }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const categories = useQuery({ queryKey: kbKeys.categories, queryFn: fetchCategories });
  const [loaded] = useState<ArticleInput>(() =>
    article
      ? {
          title: article.title,
          slug: article.slug,
          summary: article.summary,
          body: article.body ?? "",
          categoryId: article.categoryId,
          visibility: article.visibility,
        }
      : EMPTY,
  );
  const [draft, setDraft] = useState<ArticleInput>(loaded);
  const [slugTouched, setSlugTouched] = useState(article !== null);
  const [note, setNote] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = (patch: Partial<ArticleInput>) => setDraft((d) => ({ ...d, ...patch }));

  const save = useMutation({
    mutationFn: () =>
      article
        ? updateArticle(article.id, { ...draft, version: article.version, note })
        : createArticle({ ...draft, slug: draft.slug || slugOf(draft.title) }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: kbKeys.all });
      client.setQueryData(kbKeys.article(saved.slug), saved);
      navigate(`/kb/${saved.slug}`, { state: LEAVING_AFTER_SAVE });
    },
  });
  const saveOnce = useMutateOnce(save);
  const remove = useMutation({
    mutationFn: () => (article ? deleteArticle(article.id, article.version) : Promise.resolve()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: kbKeys.all });
      navigate("/kb", { state: LEAVING_AFTER_SAVE });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    saveOnce();
  };
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.issues.find((i) => i.path === `body/${field}`)?.message : undefined;
  const stale = save.error instanceof ApiError && save.error.code === "kb_article_changed";
  const unsaved = note !== "" || JSON.stringify(draft) !== JSON.stringify(loaded);

  return (
    <form className="kb-editor" onSubmit={submit} aria-label={article ? "Edit article" : "New article"}>
      <UnsavedChangesGuard when={unsaved} what="this article" />
      <div className="form-grid">
        <TextField
          label="Title"
          value={draft.title}
          required
          maxLength={200}
          error={fieldError("title")}
          onChange={(e) => set({ title: e.target.value, ...(slugTouched ? {} : { slug: slugOf(e.target.value) }) })}
        />
        <TextField
          label="Address"
          value={draft.slug}
          hint={`/kb/${draft.slug || "…"} (old addresses keep working)`}
          error={fieldError("slug")}
          onChange={(e) => {
            setSlugTouched(true);
            set({ slug: e.target.value });
          }}
        />
        <SelectField label="Category" value={draft.categoryId ?? ""} onChange={(e) => set({ categoryId: e.target.value || null })}>
          <option value="">No category</option>
          {categories.data?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Visibility"
          value={draft.visibility}
          hint={VISIBILITY_HINTS[draft.visibility]}
          onChange={(e) => set({ visibility: e.target.value as Visibility })}
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {VISIBILITY_LABELS[v]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label="Summary"
        value={draft.summary}
        maxLength={500}
        hint="One sentence shown in lists and search results."
        onChange={(e) => set({ summary: e.target.value })}
      />
      <div className="kb-editor-panes">
        <TextAreaField
          label="Text (Markdown)"
          className="kb-source"
          rows={24}
          value={draft.body}
          error={fieldError("body")}
          hint={
            <>
              <code>## Heading</code> makes a section others can link to (<code>## Heading {"{#my-anchor}"}</code> fixes its address),{" "}
              <code>**bold**</code>, <code>[link](https://…)</code>, <code>- list</code>. Scripts and unsafe HTML are removed.
            </>
          }
          onChange={(e) => set({ body: e.target.value })}
        />
        <Preview body={draft.body} />
      </div>
      {article && <TextField label="What changed (optional)" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />}
      {stale ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">Someone else saved this article after you opened it.</p>
          <p>
            Copy your text somewhere safe, then <Link to={`/kb/${article?.slug ?? ""}`}>open the current version</Link> and edit again.
          </p>
        </div>
      ) : (
        <ErrorMessage error={save.error} title="The article was not saved" />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {article ? "Save as new version" : "Create article"}
        </button>
        <Link to={article ? `/kb/${article.slug}` : "/kb"} className="button">
          Cancel
        </Link>
        {article && (
          <button type="button" className="button button-danger-quiet" onClick={() => setConfirmDelete(true)}>
            Delete article
          </button>
        )}
      </div>
      {confirmDelete && article && (
        <ConfirmDialog
          title="Delete this article?"
          confirmLabel="Delete article"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutateAsync()}
          onClose={() => setConfirmDelete(false)}
        >
          <p>
            “{article.title}” and all {article.version} of its versions will be deleted. Links to it will stop working.
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}

/** /kb/new and /kb/:slug/edit: Markdown on the left, the server's rendering on the right. */
export function KbEditorPage() {
  const { slug } = useParams();
  const article = useQuery({ queryKey: kbKeys.article(slug ?? ""), queryFn: () => fetchArticle(slug ?? ""), enabled: slug !== undefined });
  // Edit from the freshest copy: the version number decides whether the save is accepted.
  const { refetch } = article;
  useEffect(() => {
    if (slug) void refetch();
  }, [slug, refetch]);
  return (
    <>
      <p className="back-link">
        <Link to={slug ? `/kb/${slug}` : "/kb"}>← {slug ? "Back to the article" : "Knowledge base"}</Link>
      </p>
      <PageHeader title={slug ? `Edit: ${article.data?.title ?? "…"}` : "New article"} />
      {slug === undefined ? (
        <Editor article={null} />
      ) : article.isPending || article.isFetching ? (
        <Loading label="Loading the article…" />
      ) : article.isError ? (
        <ErrorMessage error={article.error} title="The article could not be loaded" />
      ) : (
        <Editor key={`${article.data.id}:${article.data.version}`} article={article.data} />
      )}
    </>
  );
}
