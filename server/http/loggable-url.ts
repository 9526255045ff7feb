import { INTAKE_PATH } from '../routes/intake';

const INTAKE_SECRET = new RegExp(`${INTAKE_PATH}[^/?#]*`, 'g');

/** An intake's URL carries its secret: logged URLs show where the call went, never the secret. */
export function loggableUrl(url: string): string {
  return url.replace(INTAKE_SECRET, `${INTAKE_PATH}[redacted]`);
}
