import type { BrandTerm, Level, Lexicon, LexiconTerm, SwapTerm } from "../../api/policy.js";

export type ListName = keyof Lexicon;

/** One editable row of any list; fields a list does not have stay empty. */
export interface TermRow {
  key: number;
  term: string;
  reason: string;
  level: Level | "";
  /** Brands: other spellings, comma-separated. */
  variants: string;
  /** Swaps: the word to use instead. */
  use: string;
}

export type LexiconRows = Record<ListName, TermRow[]>;

export interface ListInfo {
  title: string;
  /** For labels: "Confidential name 2", "Add confidential name". */
  singular: string;
  hint: string;
  defaultLevel: Level;
  hasLevel: boolean;
  extra?: "variants" | "use";
}

export const LISTS: Record<ListName, ListInfo> = {
  banned: {
    title: "Banned words",
    singular: "Banned word",
    hint: "Words the organisation never uses in public.",
    defaultLevel: "error",
    hasLevel: true,
  },
  confidential: {
    title: "Confidential project names",
    singular: "Confidential name",
    hint: "Internal code names that must not leak; also caught as hashtags (#ProjectFalcon).",
    defaultLevel: "error",
    hasLevel: true,
  },
  competitors: {
    title: "Competitors",
    singular: "Competitor",
    hint: "Mentioning them needs care, and often legal's eye.",
    defaultLevel: "warning",
    hasLevel: true,
  },
  brands: {
    title: "Brand spellings",
    singular: "Brand",
    hint: "Names with one right spelling: any other casing, and each listed variant, is flagged with the right one as the fix.",
    defaultLevel: "warning",
    hasLevel: false,
    extra: "variants",
  },
  swaps: {
    title: "Swaps",
    singular: "Swap",
    hint: "Preferred words: write the second instead of the first.",
    defaultLevel: "suggestion",
    hasLevel: true,
    extra: "use",
  },
};

export const LIST_NAMES = Object.keys(LISTS) as ListName[];

let nextKey = 1;
export const emptyRow = (): TermRow => ({ key: nextKey++, term: "", reason: "", level: "", variants: "", use: "" });

const rowOf = (fields: Partial<TermRow>): TermRow => ({ ...emptyRow(), ...fields });

const termRow = (t: LexiconTerm) =>
  typeof t === "string" ? rowOf({ term: t }) : rowOf({ term: t.term, reason: t.reason ?? "", level: t.level ?? "" });
const brandRow = (b: BrandTerm) =>
  typeof b === "string" ? rowOf({ term: b }) : rowOf({ term: b.term, variants: b.variants.join(", "), reason: b.reason ?? "" });
const swapRow = (s: SwapTerm) => rowOf({ term: s.term, use: s.use, reason: s.reason ?? "", level: s.level ?? "" });

export const rowsOf = (lexicon: Lexicon): LexiconRows => ({
  banned: lexicon.banned.map(termRow),
  confidential: lexicon.confidential.map(termRow),
  competitors: lexicon.competitors.map(termRow),
  brands: lexicon.brands.map(brandRow),
  swaps: lexicon.swaps.map(swapRow),
});

const filled = (rows: TermRow[]) => rows.filter((r) => r.term.trim() !== "");

/** Back to the API's shape; a plain term stays a plain string, and rows left blank are dropped. */
function toTerm(r: TermRow): LexiconTerm {
  const term = r.term.trim();
  const reason = r.reason.trim();
  if (!reason && !r.level) return term;
  return { term, ...(reason ? { reason } : {}), ...(r.level ? { level: r.level } : {}) };
}

function toBrand(r: TermRow): BrandTerm {
  const term = r.term.trim();
  const variants = r.variants
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  const reason = r.reason.trim();
  if (variants.length === 0 && !reason) return term;
  return { term, variants, ...(reason ? { reason } : {}) };
}

const toSwap = (r: TermRow): SwapTerm => ({
  term: r.term.trim(),
  use: r.use.trim(),
  ...(r.reason.trim() ? { reason: r.reason.trim() } : {}),
  ...(r.level ? { level: r.level } : {}),
});

export const lexiconOf = (rows: LexiconRows): Lexicon => ({
  banned: filled(rows.banned).map(toTerm),
  confidential: filled(rows.confidential).map(toTerm),
  competitors: filled(rows.competitors).map(toTerm),
  brands: filled(rows.brands).map(toBrand),
  swaps: filled(rows.swaps).map(toSwap),
});

const termOf = (item: LexiconTerm | BrandTerm | SwapTerm) => (typeof item === "string" ? item : item.term);

/** "Confidential project names: added “Project Falcon”", one line per list that changed. */
export function describeLexiconChanges(saved: Lexicon, draft: Lexicon): string[] {
  return LIST_NAMES.flatMap((name) => {
    const before = new Map(saved[name].map((item) => [termOf(item), JSON.stringify(item)]));
    const after = new Map(draft[name].map((item) => [termOf(item), JSON.stringify(item)]));
    const quote = (terms: string[]) => terms.map((t) => `“${t}”`).join(", ");
    const added = [...after.keys()].filter((t) => !before.has(t));
    const removed = [...before.keys()].filter((t) => !after.has(t));
    const edited = [...after.keys()].filter((t) => before.has(t) && before.get(t) !== after.get(t));
    const parts = [
      ...(added.length ? [`added ${quote(added)}`] : []),
      ...(removed.length ? [`removed ${quote(removed)}`] : []),
      ...(edited.length ? [`changed ${quote(edited)}`] : []),
    ];
    const reordered = parts.length === 0 && JSON.stringify(saved[name]) !== JSON.stringify(draft[name]);
    return parts.length ? [`${LISTS[name].title}: ${parts.join("; ")}`] : reordered ? [`${LISTS[name].title}: reordered`] : [];
  });
}

/** Problems that would make the server refuse the list, said before it does. */
export function lexiconProblem(rows: LexiconRows): string | undefined {
  const swapWithoutUse = filled(rows.swaps).find((r) => r.use.trim() === "");
  if (swapWithoutUse) return `Say what to use instead of “${swapWithoutUse.term.trim()}”.`;
  return undefined;
}
