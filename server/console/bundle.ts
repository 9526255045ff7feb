import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export interface ConsoleBundle {
  js: string;
  css: string;
}

const ENTRY = fileURLToPath(new URL('./app/main.tsx', import.meta.url));

/**
 * Bundles the console in memory with the esbuild that tsx already runs the server with: nothing to build before
 * `npm run server`, no output folder that can fall behind the source, and no cost for a server whose console is never
 * opened (tests, benchmarks), since it runs on the first request and is kept for the life of the process.
 */
export async function bundleConsole(): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: { app: ENTRY },
    bundle: true,
    write: false,
    outdir: 'console-bundle',
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    legalComments: 'none',
    // Served as UTF-8: Russian text stays as it is instead of \u escapes, a third the size.
    charset: 'utf8',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!js) throw new Error('The console bundle has no script');
  return { js: js.text, css: css?.text ?? '' };
}

export function cachedBundle(make: () => Promise<ConsoleBundle> = bundleConsole): () => Promise<ConsoleBundle> {
  let pending: Promise<ConsoleBundle> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
