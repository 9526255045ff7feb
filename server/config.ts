import { z } from 'zod/mini';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from './app';

/** `npm run server`'s environment, checked before anything starts, with a message naming the variable that is wrong. */
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z
  .object({
    PORT: z.optional(
      z.coerce
        .number()
        .check(
          z.int('PORT must be a whole number'),
          z.gte(0, 'PORT must be 0–65535'),
          z.lte(65535, 'PORT must be 0–65535'),
        ),
    ),
    HOST: z.optional(z.string()),
    DATA_DIR: z.optional(z.string()),
    DATABASE_URL: z.optional(
      z.string().check(z.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')),
    ),
    TRACKER_ADMIN_EMAIL: z.optional(z.email('TRACKER_ADMIN_EMAIL must be an email address')),
    TRACKER_ADMIN_PASSWORD: z.optional(
      z.string().check(z.minLength(12, 'TRACKER_ADMIN_PASSWORD must have at least 12 characters')),
    ),
    PUBLIC_URL: z.optional(z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL' })),
    LOG_LEVEL: z.optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
    TRUST_PROXY: z.optional(z.string()),
  })
  .check(
    z.refine((env) => (env.TRACKER_ADMIN_EMAIL === undefined) === (env.TRACKER_ADMIN_PASSWORD === undefined), {
      message: 'Set both TRACKER_ADMIN_EMAIL and TRACKER_ADMIN_PASSWORD, or neither',
      path: ['TRACKER_ADMIN_PASSWORD'],
    }),
  );

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  admin?: { email: string; password: string };
  publicUrl?: string;
  logLevel: string;
  /** The reverse proxies whose X-Forwarded-For names the client (for the sign-in throttle and the audit log). */
  trustProxy?: boolean | string;
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const cleaned = Object.fromEntries(Object.keys(envSchema.def.shape).map((key) => [key, emptyAsUnset(env[key])]));
  const result = envSchema.safeParse(cleaned, { error: z.locales.en().localeError });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new Error(`The server's environment is not valid:\n${problems.join('\n')}`);
  }
  const parsed = result.data;
  return {
    port: parsed.PORT ?? DEFAULT_PORT,
    host: parsed.HOST ?? DEFAULT_HOST,
    dataDir: parsed.DATA_DIR ?? DEFAULT_DATA_DIR,
    databaseUrl: parsed.DATABASE_URL,
    admin:
      parsed.TRACKER_ADMIN_EMAIL && parsed.TRACKER_ADMIN_PASSWORD
        ? { email: parsed.TRACKER_ADMIN_EMAIL, password: parsed.TRACKER_ADMIN_PASSWORD }
        : undefined,
    publicUrl: parsed.PUBLIC_URL,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    trustProxy:
      parsed.TRUST_PROXY === undefined
        ? undefined
        : ['1', 'true'].includes(parsed.TRUST_PROXY)
          ? true
          : parsed.TRUST_PROXY,
  };
}
