import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, useId, useRef, useState } from "react";
import { ApiError } from "../../../api/client.js";
import { deleteMedia, MAX_POST_MEDIA, MAX_UPLOAD_BYTES, UPLOAD_TYPES, uploadMedia } from "../../../api/media.js";
import { postsKey, type VariantCheck } from "../../../api/posts.js";
import type { DraftMedia } from "../postDraft.js";
import { saveAltTexts } from "./altTexts.js";
import "./media.css";

interface MediaPickerProps {
  media: DraftMedia[];
  onChange: (media: DraftMedia[]) => void;
  /** The live check of the chosen channels: which of them need alt text, and what they refuse. */
  checks: readonly VariantCheck[] | undefined;
  /** A name for a network id ("bluesky" → "Bluesky"). */
  networkName: (id: string) => string;
  disabled?: boolean;
}

interface UploadProblem {
  name: string;
  message: string;
}

const MB = 1024 * 1024;
const ACCEPT = UPLOAD_TYPES.join(",");

function refusal(file: File): string | undefined {
  if (!(UPLOAD_TYPES as readonly string[]).includes(file.type)) return "Only PNG, JPEG, GIF and WebP images can be attached.";
  if (file.size > MAX_UPLOAD_BYTES)
    return `This file has ${(file.size / MB).toFixed(1)} MB; images can be at most ${MAX_UPLOAD_BYTES / MB} MB.`;
  return undefined;
}

/**
 * The post's images: add by file picker or by dropping files, describe each (alt text), reorder,
 * remove. Images are uploaded at once; the post holds their ids when it is saved.
 */
export function MediaPicker({ media, onChange, checks, networkName, disabled }: MediaPickerProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<{ key: number; name: string }[]>([]);
  const nextKey = useRef(0);
  const [problems, setProblems] = useState<UploadProblem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [altError, setAltError] = useState<string>();
  // Uploaded in this composer: removing one deletes it, since no saved post uses it yet.
  const uploadedHere = useRef(new Set<string>());
  // The latest list, for uploads that finish after other changes.
  const current = useRef(media);
  current.current = media;

  const allProblems = (checks ?? []).flatMap((c) => c.problems);
  const altRequiredBy = [...new Set(allProblems.filter((p) => p.code === "alt_text_required").map((p) => networkName(p.network)))];
  const room = MAX_POST_MEDIA - media.length;

  async function add(files: File[]) {
    const refused: UploadProblem[] = [];
    const accepted: File[] = [];
    for (const file of files) {
      const why = refusal(file);
      if (why) refused.push({ name: file.name, message: why });
      else accepted.push(file);
    }
    const taken = accepted.slice(0, Math.max(0, room));
    for (const file of accepted.slice(taken.length))
      refused.push({ name: file.name, message: `A post can carry at most ${MAX_POST_MEDIA} images.` });
    setProblems(refused);
    // One after another, so the images keep the order they were chosen in.
    for (const file of taken) {
      const key = nextKey.current++;
      setUploading((u) => [...u, { key, name: file.name }]);
      try {
        const uploaded = await uploadMedia(file);
        uploadedHere.current.add(uploaded.id);
        onChange([...current.current, { ...uploaded, savedAlt: uploaded.alt }]);
      } catch (error) {
        const message = error instanceof ApiError ? error.message : "The upload failed. Try again.";
        setProblems((p) => [...p, { name: file.name, message }]);
      } finally {
        setUploading((u) => u.filter((f) => f.key !== key));
      }
    }
  }

  const move = (index: number, by: number) => {
    const next = [...media];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };

  const remove = (item: DraftMedia) => {
    onChange(media.filter((m) => m.id !== item.id));
    if (uploadedHere.current.has(item.id)) void deleteMedia(item.id).catch(() => undefined);
  };

  const setAlt = (item: DraftMedia, alt: string) => onChange(media.map((m) => (m.id === item.id ? { ...m, alt } : m)));

  // Saved when the field is left, so the channels' check sees it (some networks limit its length).
  const saveAlt = async (item: DraftMedia) => {
    const latest = current.current.find((m) => m.id === item.id);
    if (!latest || latest.alt === latest.savedAlt) return;
    try {
      const [saved] = await saveAltTexts([latest]);
      setAltError(undefined);
      if (saved) onChange(current.current.map((m) => (m.id === saved.id ? { ...m, savedAlt: saved.savedAlt } : m)));
      void queryClient.invalidateQueries({ queryKey: [...postsKey, "check"] });
    } catch (error) {
      setAltError(error instanceof ApiError ? error.message : "The alt text could not be saved.");
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) void add([...event.dataTransfer.files]);
  };

  return (
    // The whole section takes dropped files (the dashed box shows where to aim).
    <fieldset
      className="fieldset media-picker"
      aria-describedby={`${id}-hint`}
      onDragOver={(e) => {
        if (disabled || room <= 0) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <legend>Images</legend>
      <p id={`${id}-hint`} className="field-hint">
        PNG, JPEG, GIF or WebP, up to {MAX_UPLOAD_BYTES / MB} MB each. Every chosen channel gets the same images; each network's own limits
        are checked below.
      </p>
      {media.length > 0 && (
        <p id={`${id}-alt-hint`} className="field-hint">
          Describe each image in its alt text: people who use a screen reader, or whose connection does not load images, get the description
          instead. Say what it shows and why it is there, in a sentence or two.
        </p>
      )}
      {media.length > 0 && (
        <ol className="media-list">
          {media.map((item, index) => {
            const n = index + 1;
            const label = `Alt text for image ${n}${altRequiredBy.length > 0 ? ` (required by ${altRequiredBy.join(", ")})` : ""}`;
            const altId = `${id}-alt-${item.id}`;
            return (
              <li key={item.id} className="media-item">
                <img className="media-thumb" src={item.url} alt={item.alt ? `Image ${n}: ${item.alt}` : `Image ${n}, not yet described`} />
                <div className="media-fields">
                  <label htmlFor={altId}>{label}</label>
                  <textarea
                    id={altId}
                    className="input"
                    rows={2}
                    value={item.alt}
                    disabled={disabled}
                    aria-describedby={`${id}-alt-hint`}
                    aria-invalid={altRequiredBy.length > 0 && item.alt.trim() === "" ? true : undefined}
                    onChange={(e) => setAlt(item, e.target.value)}
                    onBlur={() => void saveAlt(item)}
                  />
                  <p className="media-meta">
                    {item.width && item.height ? `${item.width} × ${item.height} px · ` : ""}
                    {item.byteSize >= MB ? `${(item.byteSize / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(item.byteSize / 1024))} KB`}
                  </p>
                </div>
                {!disabled && (
                  <div className="media-actions">
                    {media.length > 1 && (
                      <>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={index === 0}
                          aria-label={`Move image ${n} earlier`}
                          onClick={() => move(index, -1)}
                        >
                          ↑ Earlier
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={index === media.length - 1}
                          aria-label={`Move image ${n} later`}
                          onClick={() => move(index, 1)}
                        >
                          ↓ Later
                        </button>
                      </>
                    )}
                    <button
                      type="button"
                      className="button button-small button-danger-quiet"
                      aria-label={`Remove image ${n}`}
                      onClick={() => remove(item)}
                    >
                      Remove
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!disabled && room > 0 && (
        <div className={dragging ? "media-drop media-drop-active" : "media-drop"}>
          <button type="button" className="button" onClick={() => input.current?.click()}>
            Add images
          </button>
          <span className="media-drop-text">or drop them here</span>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            multiple
            hidden
            aria-label="Choose images"
            onChange={(e) => {
              void add([...(e.target.files ?? [])]);
              e.target.value = "";
            }}
          />
        </div>
      )}
      <div aria-live="polite" className="media-status">
        {uploading.length > 0 && <p>Uploading {uploading.map((f) => f.name).join(", ")}…</p>}
      </div>
      {(problems.length > 0 || altError) && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{problems.length === 1 ? "An image could not be added" : "Some images could not be added"}</p>
          <ul className="alert-issues">
            {problems.map((p) => (
              <li key={`${p.name}:${p.message}`}>
                <strong>{p.name}</strong> {p.message}
              </li>
            ))}
            {altError && <li>{altError}</li>}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
