import { Fragment } from "react";
import type { Finding } from "../../../api/policy.js";

const TOKEN = /(https?:\/\/[^\s]+|[@#][\p{L}\p{N}_.-]+)/u;

/** Links, mentions and hashtags as the networks show them: in the link colour. */
function Highlighted({ text }: { text: string }) {
  let offset = 0;
  const pieces = text
    .split(TOKEN)
    .filter(Boolean)
    .map((piece) => {
      const at = offset;
      offset += piece.length;
      return { at, piece, token: TOKEN.test(piece) };
    });
  return (
    <>
      {pieces.map(({ at, piece, token }) =>
        token ? (
          <span key={at} className="preview-token">
            {piece}
          </span>
        ) : (
          <Fragment key={at}>{piece}</Fragment>
        ),
      )}
    </>
  );
}

/** The text cut into plain runs and runs a policy finding is about (overlaps keep the first finding). */
function withFindings(text: string, findings: readonly Finding[]) {
  const runs: { at: number; text: string; finding?: Finding }[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at || f.end <= f.start || f.end > text.length) continue;
    if (f.start > at) runs.push({ at, text: text.slice(at, f.start) });
    runs.push({ at: f.start, text: text.slice(f.start, f.end), finding: f });
    at = f.end;
  }
  if (at < text.length) runs.push({ at, text: text.slice(at) });
  return runs;
}

function Marked({ text, findings }: { text: string; findings: readonly Finding[] }) {
  return (
    <>
      {withFindings(text, findings).map((run) =>
        run.finding ? (
          <mark key={run.at} className={`preview-mark preview-mark-${run.finding.level}`} title={run.finding.reason}>
            {run.text}
          </mark>
        ) : (
          <Highlighted key={run.at} text={run.text} />
        ),
      )}
    </>
  );
}

/**
 * Roughly how the channel will show the post: its handle, the text with links, mentions and hashtags
 * marked, and a thread as a column of replies. A blog (WordPress) shows it as an article.
 */
export function PostPreview({
  network,
  networkName,
  handle,
  parts,
  findings = [],
}: {
  network: string;
  networkName: string;
  handle: string;
  parts: string[];
  /** Policy findings, each with the part it is in: marked in the text. */
  findings?: readonly (Finding & { part: number })[];
}) {
  const of = (part: number) => findings.filter((f) => f.part === part);
  const [first = "", ...replies] = parts;
  if (network === "wordpress") {
    const [title = "", ...body] = first.split("\n");
    return (
      <figure className="post-preview post-preview-article" aria-label={`Preview on ${networkName}`}>
        <figcaption className="preview-handle">{handle}</figcaption>
        <p className="preview-title">{title || "(no title)"}</p>
        {body.join("\n").trim() && <p className="preview-text">{body.join("\n").trim()}</p>}
      </figure>
    );
  }
  return (
    <figure className="post-preview" aria-label={`Preview on ${networkName}`}>
      {[first, ...replies].map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: thread parts are positional
        <div key={i} className="preview-item">
          <span className="preview-avatar" aria-hidden="true">
            {handle.replace(/^@/, "").charAt(0).toUpperCase()}
          </span>
          <div>
            <p className="preview-handle">
              {handle} <span className="muted">· {networkName}</span>
            </p>
            <p className="preview-text">
              <Marked text={text} findings={of(i)} />
            </p>
          </div>
        </div>
      ))}
    </figure>
  );
}
