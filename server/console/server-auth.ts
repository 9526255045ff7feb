import { checkSignIn } from '../auth/sign-in';
import type { ServerContext } from '../context';
import type { OperatorRow } from '../db/tables';
import type { ConsoleAuth } from './console-auth';

/** A working day: an admin signs in again each morning; a stolen cookie is worth less than a long-lived one. */
export const CONSOLE_SESSION_TTL_SECONDS = 12 * 60 * 60;

const consoleOperatorOf = (row: OperatorRow) => ({ id: row.id, name: row.name, email: row.email, role: row.role });

/**
 * The console's sign-in on the server's own accounts: the same throttle, timing and audit as the extension's login,
 * and a session in the same tables, so removing an operator or signing out ends it like any other.
 */
export function serverConsoleAuth(context: ServerContext): ConsoleAuth {
  return {
    async login(email, password, clientAddress) {
      const outcome = await checkSignIn(context, email, password, clientAddress);
      if (!outcome.ok) return outcome;
      const { token, expiresAt } = await context.sessions.startConsole(
        outcome.operator.id,
        CONSOLE_SESSION_TTL_SECONDS,
      );
      return {
        ok: true,
        sessionId: token,
        operator: consoleOperatorOf(outcome.operator),
        expiresAt: new Date(expiresAt),
      };
    },
    async sessionFromCookie(sessionId) {
      const access = await context.sessions.check(sessionId);
      return access.ok ? consoleOperatorOf(access.operator) : null;
    },
    async logout(sessionId) {
      await context.sessions.end({ accessToken: sessionId });
    },
  };
}
