import { TextAreaField } from "../../../components/TextAreaField.js";

/** The replies that follow a channel's first part, making the post a thread on networks that have them. */
export function ThreadParts({ name, parts, onChange }: { name: string; parts: string[]; onChange: (parts: string[]) => void }) {
  return (
    <div className="thread-parts">
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
        <div key={index} className="thread-part">
          <TextAreaField
            label={`Reply ${index + 1} in the thread on ${name}`}
            rows={2}
            value={part}
            onChange={(e) => onChange(parts.map((p, i) => (i === index ? e.target.value : p)))}
          />
          <button
            type="button"
            className="button button-small button-danger-quiet"
            onClick={() => onChange(parts.filter((_, i) => i !== index))}
          >
            Remove reply {index + 1}
          </button>
        </div>
      ))}
      {parts.length < 25 && (
        <button type="button" className="button button-small" onClick={() => onChange([...parts, ""])}>
          Add a reply (thread)
        </button>
      )}
    </div>
  );
}
