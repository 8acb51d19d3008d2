import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors.js";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// `algorithm: 2` is Argon2id (the package exports it as a const enum).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function checkPasswordStrength(password: string, email?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(400, "password_too_short", `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new AppError(400, "password_too_long", `Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  const localPart = email?.toLowerCase().split("@")[0] ?? "";
  // Short local parts ("al@") would forbid too many good passwords.
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    throw new AppError(400, "password_contains_email", "The password must not contain your email name.");
  }
}

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the user does not exist keeps the response time
 * the same, so timing does not reveal which emails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("switchboard-dummy-password-for-timing");
  return dummyHash;
}
