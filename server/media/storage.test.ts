import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileMediaStorage, newMediaKey, readAll } from "./storage.js";

describe("the embedded media storage", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-media-"));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores, reads and deletes by key under DATA_DIR/media, leaving no temporary file", async () => {
    const storage = fileMediaStorage(dataDir);
    const key = newMediaKey();
    await storage.put(key, Readable.from([Buffer.from("first "), Buffer.from("second")]));
    const stored = await storage.get(key);
    expect(stored && (await readAll(stored)).toString()).toBe("first second");
    expect(readdirSync(path.join(dataDir, "media", key.slice(0, 2)))).toEqual([key]);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key);
  });

  it("leaves nothing behind when the stream fails, and keeps the old file readable", async () => {
    const storage = fileMediaStorage(dataDir);
    const key = newMediaKey();
    await storage.put(key, Readable.from([Buffer.from("old")]));
    const failing = new Readable({
      read() {
        this.push(Buffer.from("partial"));
        this.destroy(new Error("connection lost"));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow("connection lost");
    const stored = await storage.get(key);
    expect(stored && (await readAll(stored)).toString()).toBe("old");
    expect(readdirSync(path.join(dataDir, "media", key.slice(0, 2)))).toEqual([key]);
  });

  it("refuses anything but its own keys, so no path can come from outside", async () => {
    const storage = fileMediaStorage(dataDir);
    for (const key of ["../../etc/passwd", "ab/../../x", "", "A".repeat(32)]) {
      await expect(storage.put(key, Readable.from([Buffer.from("x")]))).rejects.toThrow("not a media key");
      await expect(storage.get(key)).rejects.toThrow("not a media key");
    }
  });
});
