import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring.js";

export interface Sealed {
  keyId: string;
  /** base64 */
  nonce: string;
  /** base64 of ciphertext followed by the 16-byte GCM tag */
  ciphertext: string;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VaultError";
  }
}

/**
 * AES-256-GCM with a fresh random 96-bit nonce per value. The additional
 * data ties a ciphertext to where it belongs (e.g. "account:<id>:access_token").
 */
export function seal(keyring: Keyring, plaintext: string, aad: string): Sealed {
  const { id, key } = keyring.active();
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { keyId: id, nonce: nonce.toString("base64"), ciphertext: body.toString("base64") };
}

export function open(keyring: Keyring, sealed: Sealed, aad: string): string {
  const found = keyring.find(sealed.keyId);
  if (!found) throw new VaultError(`no vault key with id ${sealed.keyId}; was a key removed after rotation?`);
  const body = Buffer.from(sealed.ciphertext, "base64");
  const decipher = createDecipheriv("aes-256-gcm", found.key, Buffer.from(sealed.nonce, "base64"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    // Never include the value or the key: only that it did not authenticate.
    throw new VaultError("a stored credential failed authentication (wrong key or tampered data)");
  }
}

/** One value sealed into a single text column: `keyId.nonce.ciphertext`. */
export function sealText(keyring: Keyring, plaintext: string, aad: string): string {
  const s = seal(keyring, plaintext, aad);
  return `${s.keyId}.${s.nonce}.${s.ciphertext}`;
}

export function openText(keyring: Keyring, text: string, aad: string): string {
  const [keyId = "", nonce = "", ciphertext = ""] = text.split(".");
  return open(keyring, { keyId, nonce, ciphertext }, aad);
}
