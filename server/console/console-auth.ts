import type { ConsoleOperator } from '../../lib/schemas/console';

/**
 * What the console's session routes need from the server's accounts, kept this small so the server wires its real
 * auth in a few lines. `sessionId` is the cookie's value: an opaque random secret (at least 128 bits) the server keeps
 * hashed; the console never sees a bearer token.
 */
export interface ConsoleAuth {
  /** Checks the password under the server's own throttling and equal-timing rules and, when right, opens a session. */
  login(email: string, password: string, clientAddress: string): Promise<ConsoleLoginResult>;
  /** The operator of a live session; null when it ended, expired, was revoked or never was. */
  sessionFromCookie(sessionId: string): Promise<ConsoleOperator | null>;
  /** Ends the session at once (sign-out, or a manager turned away from the console). */
  logout(sessionId: string): Promise<void>;
}

export type ConsoleLoginResult =
  | { ok: true; sessionId: string; operator: ConsoleOperator; expiresAt?: Date }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };
