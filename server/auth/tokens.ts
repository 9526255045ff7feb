import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: unguessable, so a fast hash is enough to store them (unlike passwords). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
