export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One HTTP call to a test server as a client makes it: a JSON body, an optional bearer token, the answer parsed when it is JSON. */
export async function call(
  server: { url: string },
  path: string,
  init: { method?: string; json?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.rawBody ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
