import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Manifest {
  background?: { service_worker?: string };
  content_scripts?: Array<{ js?: string[]; css?: string[] }>;
  web_accessible_resources?: Array<{ resources: string[] }>;
}

export interface BundleSizes {
  /** Gzipped bytes of what a chat page loads: the content script's JS and the CSS its shadow roots load. */
  contentScript: number;
  background: number;
  files: Record<string, { bytes: number; gzipped: number }>;
}

const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/**
 * Sizes from the build's own manifest, so a renamed or split bundle is still counted: the content scripts' js and css,
 * plus the content-scripts/*.css that `cssInjectionMode: 'ui'` makes web-accessible and loads into each shadow root;
 * the background's service worker. Gzip level 9, each file on its own.
 */
export function measureSizes(extensionDir: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as Manifest;
  const contentFiles = new Set<string>();
  for (const script of manifest.content_scripts ?? [])
    [...(script.js ?? []), ...(script.css ?? [])].forEach((file) => contentFiles.add(file));
  for (const entry of manifest.web_accessible_resources ?? []) {
    entry.resources
      .filter((file) => file.startsWith('content-scripts/') && file.endsWith('.css'))
      .forEach((file) => contentFiles.add(file));
  }
  const background = manifest.background?.service_worker;
  if (!background || contentFiles.size === 0)
    throw new Error(`No content script or background in ${extensionDir}/manifest.json`);
  const files: BundleSizes['files'] = {};
  for (const file of [...contentFiles, background]) {
    files[file] = { bytes: readFileSync(join(extensionDir, file)).length, gzipped: gzipped(join(extensionDir, file)) };
  }
  const sum = (list: Iterable<string>) => [...list].reduce((total, file) => total + (files[file]?.gzipped ?? 0), 0);
  return { contentScript: sum(contentFiles), background: sum([background]), files };
}
