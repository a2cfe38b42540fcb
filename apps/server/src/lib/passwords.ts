import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) at the OWASP minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spend the same time on an unknown login as on a wrong password, so logins cannot be probed. */
export async function burnPasswordTime(password: string): Promise<void> {
  dummy ??= hashPassword('chibo-dummy-password');
  await verifyPassword(await dummy, password);
}
