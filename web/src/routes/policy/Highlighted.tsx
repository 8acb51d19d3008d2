import type { Finding, Level } from "../../api/policy.js";
import { LEVELS } from "../../api/policy.js";

interface Segment {
  start: number;
  end: number;
  /** Indexes into the findings that cover this stretch of text. */
  covering: number[];
}

/** Cuts the text at every finding's start and end, so overlapping findings still show as one run of marks. */
function segmentsOf(text: string, findings: readonly Finding[]): Segment[] {
  const cuts = new Set([0, text.length]);
  for (const f of findings) {
    cuts.add(Math.min(f.start, text.length));
    cuts.add(Math.min(f.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const covering = findings.flatMap((f, n) => (f.start <= start && f.end >= end && f.end > f.start ? [n] : []));
    segments.push({ start, end, covering });
  }
  return segments;
}

const worst = (levels: Level[]): Level => levels.reduce<Level>((a, b) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a), "suggestion");

/**
 * A copy of the checked text with what each finding is about marked in its level's colour, and the
 * finding's number beside it, so the list below can be read against the text. Insertion points
 * (a missing #ad) show as a caret.
 */
export function Highlighted({ text, findings }: { text: string; findings: readonly Finding[] }) {
  const inserts = new Map<number, number[]>();
  findings.forEach((f, n) => {
    if (f.start === f.end) inserts.set(f.start, [...(inserts.get(f.start) ?? []), n]);
  });
  const caret = (at: number) => {
    const list = inserts.get(at);
    if (!list) return null;
    return (
      <span key={`caret-${at}`} className={`policy-caret policy-mark-${worst(list.map((n) => findings[n]?.level ?? "suggestion"))}`}>
        ‸<sup>{list.map((n) => n + 1).join(",")}</sup>
      </span>
    );
  };
  return (
    <p className="policy-highlighted">
      {segmentsOf(text, findings).map((s) => {
        const piece = text.slice(s.start, s.end);
        const before = caret(s.start);
        if (s.covering.length === 0)
          return (
            <span key={s.start}>
              {before}
              {piece}
            </span>
          );
        const level = worst(s.covering.map((n) => findings[n]?.level ?? "suggestion"));
        const reasons = s.covering.map((n) => `${n + 1}. ${findings[n]?.reason ?? ""}`).join("\n");
        const lastOfRun = s.covering.filter((n) => findings[n]?.end === s.end);
        return (
          <span key={s.start}>
            {before}
            <mark className={`policy-mark policy-mark-${level}`} title={reasons}>
              {piece}
            </mark>
            {lastOfRun.length > 0 && <sup className="policy-mark-ref">{lastOfRun.map((n) => n + 1).join(",")}</sup>}
          </span>
        );
      })}
      {caret(text.length)}
    </p>
  );
}
