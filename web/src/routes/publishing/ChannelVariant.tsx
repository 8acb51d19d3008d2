import { useId } from "react";
import type { VariantCheck, VariantProblem } from "../../api/posts.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { Findings } from "./composer/Findings.js";
import { PostPreview } from "./composer/PostPreview.js";
import { ThreadParts } from "./composer/ThreadParts.js";
import "./composer/composer.css";

interface ChannelVariantProps {
  /** "Bluesky acme.bsky.social" */
  name: string;
  check: VariantCheck | undefined;
  /** Problems the server gave when saving, for this channel. */
  saveProblems: VariantProblem[];
  ownText: string | undefined;
  postText: string;
  onOwnTextChange: (text: string | undefined) => void;
  /** The channel for the preview. */
  channel: { network: string; networkName: string; handle: string; threads: boolean };
  threadParts: string[];
  onThreadPartsChange: (parts: string[]) => void;
}

/** One chosen channel: its length counted the network's way, its own wording if it needs one, and its problems. */
export function ChannelVariant({
  name,
  check,
  saveProblems,
  ownText,
  postText,
  onOwnTextChange,
  channel,
  threadParts,
  onThreadPartsChange,
}: ChannelVariantProps) {
  const id = useId();
  const headingId = `${id}-heading`;
  const length = check?.length;
  const over = length ? length.count > length.limit : false;
  const problems = check ? check.problems : saveProblems;
  return (
    <section className="channel-variant" aria-labelledby={headingId}>
      <div className="channel-variant-header">
        <h3 id={headingId}>{name}</h3>
        {length && (
          <p className={over ? "length-counter text-bad" : "length-counter"}>
            <span aria-hidden="true">
              {length.count} / {length.limit}
            </span>
            <span className="sr-only">
              {length.count} of {length.limit} characters{over ? ", too long" : ""}
            </span>
          </p>
        )}
      </div>
      <label className="checkbox checkbox-inline">
        <input type="checkbox" checked={ownText !== undefined} onChange={(e) => onOwnTextChange(e.target.checked ? postText : undefined)} />{" "}
        Adjust for this channel
      </label>
      {ownText !== undefined && (
        <TextAreaField
          label={`Text for ${name}`}
          rows={4}
          value={ownText}
          onChange={(e) => onOwnTextChange(e.target.value)}
          aria-invalid={over ? true : undefined}
        />
      )}
      {(channel.threads || threadParts.length > 0) && <ThreadParts name={name} parts={threadParts} onChange={onThreadPartsChange} />}
      {problems.length > 0 && (
        <ul className="channel-problems" aria-live="polite">
          {problems.map((p) => (
            <li key={`${p.code}:${p.message}`} className="field-error">
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <Findings findings={check?.findings ?? []} label={`Policy findings for ${name}`} />
      <PostPreview
        network={channel.network}
        networkName={channel.networkName}
        handle={channel.handle}
        parts={[ownText ?? postText, ...threadParts]}
        findings={check?.findings ?? []}
      />
    </section>
  );
}
