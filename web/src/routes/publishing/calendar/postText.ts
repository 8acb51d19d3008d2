/** A post's first non-empty line: what the calendar shows of it. */
export const firstLine = (text: string) =>
  text
    .split("\n")
    .find((line) => line.trim())
    ?.trim() || "(no text)";
