import { writeAudit } from '../audit/log';
import type { ServerContext } from '../context';
import type { OperatorRow } from '../db/tables';

export type SignInOutcome =
  | { ok: true; operator: OperatorRow }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  | { ok: false; reason: 'invalid_credentials' };

/**
 * The one password check behind every sign-in (the extension's `POST /api/v1/auth/login` and the console's cookie
 * session): the per-email and per-address throttle, the equal-timing credential check, and the audit entry whose
 * latest `sign_in` is the operator's last sign-in.
 */
export async function checkSignIn(
  context: ServerContext,
  email: string,
  password: string,
  clientAddress: string,
): Promise<SignInOutcome> {
  const { db, operators, loginLimiter } = context;
  const wait = loginLimiter.retryAfterSeconds(email, clientAddress);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  const operator = await operators.byCredentials(email, password);
  if (!operator) {
    loginLimiter.recordFailure(email, clientAddress);
    await writeAudit(db, { action: 'sign_in_failed', target: email.toLowerCase(), clientAddress });
    return { ok: false, reason: 'invalid_credentials' };
  }
  loginLimiter.recordSuccess(email);
  await writeAudit(db, { action: 'sign_in', operatorId: operator.id, clientAddress });
  return { ok: true, operator };
}
