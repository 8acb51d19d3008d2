import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread running the module at `moduleUrl` (given as the `.ts` URL next to the caller, as
 * `new URL("./x.ts", import.meta.url)`). From the build this is the compiled `.js` beside it; from the
 * TypeScript sources (tests, `tsx`) a worker does not inherit the TypeScript loader, so it registers tsx's
 * before importing the module.
 */
export function startModuleWorker(moduleUrl: URL, workerData?: unknown): Worker {
  const href = moduleUrl.href;
  if (!href.endsWith(".ts")) throw new Error(`startModuleWorker: give the .ts module URL (${href})`);
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL(href.replace(/\.ts$/, ".js")), { workerData });
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(href)}); });`;
  return new Worker(source, { eval: true, workerData });
}
