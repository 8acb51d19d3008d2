import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.resolve(here, "../dist/web"),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev:web` proxies the API to a server started with `npm start`.
    proxy: { "/api": "http://localhost:8080", "/l": "http://localhost:8080" },
  },
});
