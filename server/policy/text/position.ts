// Offsets to 1-based line and column, computed once per text (columns count code points, as Vale does).

export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo] ?? 0;
    let column = 1;
    for (let i = lineStart; i < offset; i++) {
      const code = text.charCodeAt(i);
      if (code < 0xdc00 || code > 0xdfff) column++; // a low surrogate belongs to the code point before it
    }
    return { line: lo + 1, column };
  };
}
