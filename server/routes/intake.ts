import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeAudit } from '../audit/log';
import type { ServerContext } from '../context';
import { HttpError, INVALID_JSON, fail, invalid } from '../http/errors';
import { takeIntakeCall } from '../intakes/calls';
import type { IntakeRateLimiter } from '../intakes/rate-limit';
import { intakeBySecret, noteIntakeCall } from '../intakes/store';

/** Where the secret sits in an intake's URL; the logger cuts it out of every logged URL (app.ts). */
export const INTAKE_PATH = '/intake/';

/**
 * The query and the body merged, every value a string; a body value wins. Bot platforms and partner networks send
 * GET queries, forms or JSON; a value repeated or nested is not one the intakes take. Empty values are absent.
 */
function callParams(request: FastifyRequest): Record<string, string> {
  if (request.body === INVALID_JSON) invalid('The body is not valid JSON', { body: 'The body is not valid JSON' });
  const params: Record<string, string> = {};
  const sources = [request.query, request.body].filter(
    (source): source is Record<string, unknown> => typeof source === 'object' && source !== null,
  );
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (typeof value === 'number' || typeof value === 'boolean') params[name] = String(value);
      else if (typeof value === 'string' && value !== '') params[name] = value;
      else if (value !== undefined && value !== null && value !== '')
        invalid('The call breaks the intake contract', { [name]: 'Expected one text value' });
    }
  }
  return params;
}

/**
 * `GET|POST /intake/<secret>`: no bearer token, the secret is the credential. Every call is in the audit log, with
 * the intake's id, never its secret.
 */
export function intakeRoutes(app: FastifyInstance, context: ServerContext, limiter: IntakeRateLimiter): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    const handler = async (request: FastifyRequest<{ Params: { secret: string } }>) => {
      const intake = await intakeBySecret(context.db, request.params.secret);
      let status = 500;
      try {
        // Guesses at secrets are limited per caller address, so a flood of them cannot fill the audit log either.
        const wait = limiter.take(intake ? intake.id : `unknown ${request.ip}`);
        if (wait !== undefined)
          fail(
            429,
            { code: 'rate_limited', message: 'Too many calls to this intake: try again shortly' },
            { 'retry-after': String(wait) },
          );
        if (!intake) return fail(404, { code: 'not_found', message: 'No intake has this address' });
        const taken = await takeIntakeCall(context, intake, callParams(request), request.ip);
        status = taken.status;
        return taken;
      } catch (error) {
        if (error instanceof HttpError) status = error.status;
        throw error;
      } finally {
        if (intake) await noteIntakeCall(context.db, intake.id, status);
        await writeAudit(context.db, {
          action: 'intake_called',
          target: intake?.id,
          details: { kind: intake?.kind ?? 'unknown', method: request.method, status },
          clientAddress: request.ip,
        });
      }
    };
    scope.route<{ Params: { secret: string } }>({
      method: ['GET', 'POST'],
      url: `${INTAKE_PATH}:secret`,
      handler: async (request, reply) => {
        const taken = await handler(request);
        return reply.code(taken.status).send(taken.body);
      },
    });
  });
}
