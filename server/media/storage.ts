import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where uploaded files live, by key. Small on purpose, so another backend (S3 and the like) is one
 * more implementation. Keys are made by `newMediaKey`, never from anything a user sends.
 */
export interface MediaStorage {
  /** Stores the stream's bytes under `key`; a reader never sees a half-written file. */
  put(key: string, content: Readable): Promise<void>;
  /** The stored bytes, or null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>;
  /** Resolves when nothing is stored under `key`, including when nothing was. */
  delete(key: string): Promise<void>;
}

/** 128 random bits as hex: not guessable, and safe as a file name on every system. */
export const newMediaKey = (): string => randomBytes(16).toString("hex");

const KEY = /^[0-9a-f]{32}$/;

function checkKey(key: string): string {
  // Keys come from newMediaKey; anything else would be a bug (or a tampered row), and must not become a path.
  if (!KEY.test(key)) throw new Error("not a media key");
  return key;
}

/**
 * The embedded backend: files under `<dataDir>/media/<first two hex digits>/<key>`. A write goes to a
 * temporary file in the same folder first and is renamed into place (atomic on one file system).
 */
export function fileMediaStorage(dataDir: string): MediaStorage {
  const root = path.join(dataDir, "media");
  const fileOf = (key: string) => path.join(root, checkKey(key).slice(0, 2), key);
  return {
    async put(key, content) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        await pipeline(content, createWriteStream(temp, { flags: "wx", mode: 0o640 }));
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = fileOf(key);
      try {
        await stat(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      return createReadStream(file);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

/** The storage the config chooses; only the embedded one exists so far. */
export const mediaStorageOf = (config: { dataDir: string }): MediaStorage => fileMediaStorage(config.dataDir);

/** Reads a stored file whole (the publish engine hands connectors the bytes). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
