import { MessageError } from '../messaging/client';

/** What went wrong, in the shape the UI shows: the platform's or the router's code, its message, and field messages. */
export interface Problem {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof MessageError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
