/**
 * Progress of a long run on stderr: a rewritten line with counts and an ETA on a terminal, a plain
 * log line every few seconds otherwise (CI logs).
 */
export function progressReporter(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): (done: number) => void {
  const started = performance.now();
  let lastPlain = 0;
  return (done) => {
    const elapsed = (performance.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    const line = `${label}: ${done}/${total} (${Math.round((100 * done) / Math.max(total, 1))}%), ETA ${eta.toFixed(0)} s`;
    if (stream.isTTY) stream.write(`\r${line}${done >= total ? "\n" : ""}`);
    else if (elapsed - lastPlain >= 5 || done >= total) {
      lastPlain = elapsed;
      stream.write(`${line}\n`);
    }
  };
}
