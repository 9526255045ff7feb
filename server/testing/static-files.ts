import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** A file's answer, or a 404. */
export interface StaticReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** Demo pages for `npm start` and the end-to-end tests, served beside the API by the same server. */
export interface StaticDir {
  /** URL path prefix, e.g. "/demo/" */
  urlPrefix: string;
  dir: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
};

const notFound: StaticReply = {
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Not found',
};

/** A file under the static dir (index.html for a folder), never one outside it. */
export async function serveStatic(site: StaticDir, path: string): Promise<StaticReply> {
  const root = resolve(site.dir);
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice(site.urlPrefix.length));
  } catch {
    return notFound;
  }
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const file = resolve(join(root, relative));
  if (!file.startsWith(root + sep)) return notFound;
  try {
    const body = await readFile(file);
    return {
      status: 200,
      headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
      body,
    };
  } catch {
    return notFound;
  }
}
