import { startPlatformInFront, type PlatformInFront } from './platform-in-front';

export const APPROVAL_LIMIT = 10_000;
export const APPROVAL_MESSAGE = `Deposits above ${APPROVAL_LIMIT} need a supervisor's approval`;

/**
 * A platform with a rule this build of the extension does not know (large deposits need approval): it answers such
 * events with the contract's 422 and a field message, and passes everything else through untouched.
 */
export function startStricterPlatform(sandboxUrl: string): Promise<PlatformInFront> {
  return startPlatformInFront(sandboxUrl, ({ method, url, body }) => {
    if (method !== 'POST' || url !== '/api/v1/events' || Number(JSON.parse(body.toString()).amount) <= APPROVAL_LIMIT)
      return undefined;
    return {
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({
        error: {
          code: 'validation_failed',
          message: 'The event breaks a platform rule',
          fields: { amount: APPROVAL_MESSAGE },
        },
      }),
    };
  });
}
