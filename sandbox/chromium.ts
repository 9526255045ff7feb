import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

const HOW_TO_GET_IT =
  'Install Chromium (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary. ' +
  'Branded Google Chrome will not do: it ignores --load-extension.';

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${HOW_TO_GET_IT}`);
    return fromEnv;
  }
  return CANDIDATES.find((path) => existsSync(path));
}

/** The Chromium that loads the unpacked extension: CHROMIUM_PATH when set, else the system's. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(`No Chromium found. ${HOW_TO_GET_IT}`);
  return found;
}

/** Finds Chromium, or installs Debian's package where this machine allows it (root with apt-get), or says what to do. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stderr.write("Chromium is missing: installing Debian's chromium package with apt-get…\n");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    return chromiumPath();
  }
  throw new Error(`No Chromium found. ${HOW_TO_GET_IT}`);
}
