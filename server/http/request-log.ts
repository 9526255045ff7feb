import type { FastifyInstance } from 'fastify';
import { loggableUrl } from './loggable-url';

/**
 * One info line per answered request, written once the answer is sent; Fastify's own request logging (turned off in
 * app.ts) writes two, and on the event path they cost as much CPU as the validation and auth together
 * (docs/performance.md, "The server"). The path without its query (an intake's secret masked), never a header or a body: nothing secret.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: loggableUrl(request.url.split('?')[0] ?? ''),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request answered',
    );
    done();
  });
}
