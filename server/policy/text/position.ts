// Offsets to 1-based line and column (columns count code points, as Vale does). Positions are asked
// for in increasing order (findings sorted by offset), so each call continues from the last one:
// linear over the text even with thousands of findings on one long line.

export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let at = 0;
  let line = 1;
  let column = 1;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
      column = 1;
    }
    for (; at < offset && at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 10) {
        line++;
        column = 1;
      } else if (code < 0xdc00 || code > 0xdfff) column++; // a low surrogate belongs to the code point before it
    }
    return { line, column };
  };
}
