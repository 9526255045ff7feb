import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerContext } from '../server/context';
import { defaultStatusMap } from '../server/destinations';

/**
 * `npm start`'s stand-in for the team's tracker: it takes Keitaro-style postbacks (`/<key>/postback?subid=&status=&
 * payout=&currency=&tid=`) and lists what it got on its own page, so a newcomer logs a deposit in the demo chat and sees
 * it arrive with the lead's click id. It keeps nothing on disk.
 */

const POSTBACK_KEY = 'demo-key';
export const DEMO_TRACKER_NAME = 'Demo tracker (Keitaro)';

interface Received {
  at: string;
  subid: string;
  status: string;
  payout: string;
  currency: string;
  tid: string;
}

export interface DemoTracker {
  /** Its page, listing the postbacks it got. */
  url: string;
  /** What the demo destination points at. */
  postbackUrl: string;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(received: readonly Received[]): string {
  const rows = received
    .map(
      (each) =>
        `<tr>${[each.at, each.subid, each.status, each.payout, each.currency, each.tid].map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Demo tracker</title><style>body{font-family:sans-serif;margin:2rem}td,th{border:1px solid #ccc;padding:.3rem .6rem}table{border-collapse:collapse}</style></head>
<body><h1>Demo tracker: postbacks received</h1><p>${received.length === 0 ? 'None yet: log an event in the demo chat.' : `${received.length} received, newest first.`}</p>
<table><thead><tr><th>Received</th><th>Click id (subid)</th><th>Status</th><th>Payout</th><th>Currency</th><th>Event id (tid)</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

export async function startDemoTracker(port: number): Promise<DemoTracker> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://demo-tracker');
    if (url.pathname === `/${POSTBACK_KEY}/postback`) {
      const value = (name: string) => url.searchParams.get(name) ?? '';
      received.unshift({
        at: new Date().toISOString(),
        subid: value('subid'),
        status: value('status'),
        payout: value('payout'),
        currency: value('currency'),
        tid: value('tid'),
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('Success');
      return;
    }
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(received));
      return;
    }
    response.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    postbackUrl: `${origin}/${POSTBACK_KEY}/postback`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Points the demo destination at this run's demo tracker (creating it on a fresh database). */
export async function seedDemoDestination({ destinations }: ServerContext, tracker: DemoTracker): Promise<void> {
  const input = {
    name: DEMO_TRACKER_NAME,
    kind: 'keitaro' as const,
    url: tracker.postbackUrl,
    enabled: true,
    events: ['registration' as const, 'deposit' as const, 'redeposit' as const],
    statusMap: defaultStatusMap('keitaro'),
  };
  const existing = (await destinations.list()).find((each) => each.name === DEMO_TRACKER_NAME);
  if (existing) await destinations.replace(existing.id, input);
  else await destinations.create(input);
}
