import { z } from 'zod/mini';
import { currencyCodeSchema } from './currency';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** What can be wrong with an API URL, by rule; the UI says each in its language. */
export const API_URL_PROBLEMS = {
  notUrl: 'Enter a full URL, like https://tracker.example.com',
  https: 'Use https:// (plain http:// only for 127.0.0.1 or localhost)',
  addressOnly: 'Enter the address only, without ?, # or a user name and password',
} as const;
export type ApiUrlProblem = keyof typeof API_URL_PROBLEMS;

export function apiUrlProblemOf(message: string | undefined): ApiUrlProblem | undefined {
  return (Object.keys(API_URL_PROBLEMS) as ApiUrlProblem[]).find((rule) => API_URL_PROBLEMS[rule] === message);
}

export const apiUrlSchema = z.pipe(
  z.url({ protocol: /^https?$/, message: API_URL_PROBLEMS.notUrl }).check(
    z.refine((url) => URL.canParse(url) && (new URL(url).protocol === 'https:' || isLoopbackUrl(url)), {
      message: API_URL_PROBLEMS.https,
    }),
    // Calls go to `${apiUrl}/api/v1/…`: a `?` or `#` would swallow that path, and a password would rest in storage.local.
    z.refine(
      (url) => !/[?#]/.test(url) && URL.canParse(url) && new URL(url).username === '' && new URL(url).password === '',
      {
        message: API_URL_PROBLEMS.addressOnly,
      },
    ),
  ),
  z.transform((url: string) => url.replace(/\/+$/, '')),
);

/** The UI's language: the browser's ('auto') or one the manager chose. */
export const languageSchema = z.enum(['auto', 'en', 'ru']);
export type Language = z.infer<typeof languageSchema>;

export const settingsSchema = z.object({
  apiUrl: apiUrlSchema,
  defaultCurrency: currencyCodeSchema,
  // Settings stored before the language existed read as the browser's language.
  language: z._default(languageSchema, 'auto'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  apiUrl: 'http://127.0.0.1:8787',
  defaultCurrency: 'USD',
  language: 'auto',
};

export function isLoopbackUrl(url: string): boolean {
  return URL.canParse(url) && (LOOPBACK_HOSTS as readonly string[]).includes(new URL(url).hostname);
}
