import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeVaultKey, type VaultKeyConfig } from "../config.js";

export interface VaultKey {
  id: string;
  key: Buffer;
}

/** A key's id: a short fingerprint, stored beside every ciphertext it made. */
export const keyIdOf = (key: Buffer) => createHash("sha256").update("switchboard-vault-key").update(key).digest("hex").slice(0, 12);

const toVaultKey = (key: Buffer): VaultKey => ({ id: keyIdOf(key), key });

/**
 * The master keys: one active key that encrypts, and previous keys that only
 * decrypt (what a rotation leaves behind). Keys Switchboard manages itself
 * live in DATA_DIR/vault.key, active key first; the file is re-read when it
 * changes, so a `vault rotate-key` run elsewhere reaches a running server.
 */
export class Keyring {
  private keys = new Map<string, VaultKey>();
  private activeKey!: VaultKey;
  private fileMtimeMs = 0;
  private checkedAt = 0;

  private constructor(private readonly config: VaultKeyConfig) {}

  /** Opens the keyring; generates the key file on first run. Returns a warning to show, if any. */
  static open(config: VaultKeyConfig): { keyring: Keyring; warning?: string } {
    const keyring = new Keyring(config);
    if (config.source === "config") {
      keyring.setKeys([config.active, ...config.previous]);
      return { keyring };
    }
    let warning: string | undefined;
    if (!existsSync(config.file)) {
      writeKeyFile(config.file, [randomBytes(32)]);
      warning = `Generated the vault master key at ${config.file}. Back it up with the database: without it, stored credentials cannot be decrypted.`;
    }
    keyring.loadFile();
    return warning ? { keyring, warning } : { keyring };
  }

  get managedFile(): string | undefined {
    return this.config.source === "data-dir" ? this.config.file : undefined;
  }

  active(): VaultKey {
    this.refreshIfChanged(5_000);
    return this.activeKey;
  }

  find(id: string): VaultKey | undefined {
    const found = this.keys.get(id);
    if (found) return found;
    // A key we do not know may have been added by a rotation: look again now.
    this.refreshIfChanged(0);
    return this.keys.get(id);
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }

  /** Adds a new active key to the managed key file, keeping the old ones for decryption. */
  rotateManagedKey(): VaultKey {
    const file = this.managedFile;
    if (!file) throw new Error("keys come from VAULT_KEY; rotate by changing it (see docs/operations.md)");
    const fresh = randomBytes(32);
    writeKeyFile(file, [fresh, ...[...this.keys.values()].map((k) => k.key)]);
    this.loadFile();
    return this.activeKey;
  }

  private setKeys(keys: Buffer[]) {
    const list = keys.map(toVaultKey);
    const first = list[0];
    if (!first) throw new Error("the vault has no key");
    this.activeKey = first;
    this.keys = new Map(list.map((k) => [k.id, k]));
  }

  private loadFile() {
    const file = this.managedFile;
    if (!file) return;
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const keys = lines.map((line, i) => {
      const key = decodeVaultKey(line);
      if (!key) throw new Error(`${file}: line ${i + 1} is not a 32-byte key`);
      return key;
    });
    this.setKeys(keys);
    this.fileMtimeMs = statSync(file).mtimeMs;
  }

  private refreshIfChanged(minIntervalMs: number) {
    const file = this.managedFile;
    if (!file || Date.now() - this.checkedAt < minIntervalMs) return;
    this.checkedAt = Date.now();
    if (statSync(file).mtimeMs !== this.fileMtimeMs) this.loadFile();
  }
}

function writeKeyFile(file: string, keys: Buffer[]) {
  mkdirSync(path.dirname(file), { recursive: true });
  const text = [
    "# Switchboard vault master keys. The first line encrypts; the others still decrypt.",
    "# Back this file up with the database and keep it secret.",
    ...keys.map((k) => k.toString("base64")),
    "",
  ].join("\n");
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
