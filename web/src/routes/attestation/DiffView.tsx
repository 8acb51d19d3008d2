import type { OpenedPolicy } from "./attestationApi.js";

type Part = NonNullable<OpenedPolicy["diff"]>[number];

/** Unchanged stretches longer than this are folded to their first and last words. */
const CONTEXT_CHARS = 160;

function fold(value: string): string {
  if (value.length <= CONTEXT_CHARS * 2) return value;
  return `${value.slice(0, CONTEXT_CHARS)} … ${value.slice(-CONTEXT_CHARS)}`;
}

/** A word diff as the server computed it: insertions underlined, deletions struck, long unchanged text folded. */
export function DiffView({ parts, label }: { parts: Part[]; label: string }) {
  return (
    <section className="policy-diff" aria-label={label}>
      {parts.map((p, i) =>
        p.added ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff parts are a fixed sequence
          <ins key={i}>{p.value}</ins>
        ) : p.removed ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff parts are a fixed sequence
          <del key={i}>{p.value}</del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff parts are a fixed sequence
          <span key={i}>{fold(p.value)}</span>
        ),
      )}
    </section>
  );
}
