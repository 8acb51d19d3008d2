import { Fragment } from "react";

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

/**
 * Roughly how the channel will show the post: its handle, the text with links, mentions and hashtags
 * marked, and a thread as a column of replies. A blog (WordPress) shows it as an article.
 */
export function PostPreview({
  network,
  networkName,
  handle,
  parts,
}: {
  network: string;
  networkName: string;
  handle: string;
  parts: string[];
}) {
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
              <Highlighted text={text} />
            </p>
          </div>
        </div>
      ))}
    </figure>
  );
}
