import { setMediaAlt } from "../../../api/media.js";
import type { DraftMedia } from "../postDraft.js";

/** Saves each image's alt text the server does not have yet; returns the images as saved. */
export async function saveAltTexts(media: readonly DraftMedia[]): Promise<DraftMedia[]> {
  return Promise.all(
    media.map(async (m) => {
      if (m.alt === m.savedAlt) return m;
      const saved = await setMediaAlt(m.id, m.alt);
      return { ...m, alt: saved.alt, savedAlt: saved.alt };
    }),
  );
}
