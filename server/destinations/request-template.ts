import { MACRO_PATTERN, isPostbackMacro } from '../../lib/schemas/destination';
import type { PostbackMacro, PostbackRequest } from '../../lib/schemas/destination';
import type { MacroValues } from './macro-values';
import { decodeQueryPart, splitPair } from './query-parts';

/**
 * The one mechanism every destination kind uses: a URL template, query parameters a preset adds, headers and an
 * optional JSON body template. Values never touch the request's syntax: in a URL each is percent-encoded (a click id
 * holding `&status=sale` stays one parameter's value), in a body each goes inside a JSON string (a `"}` stays text).
 */

export interface QueryParam {
  name: string;
  /** A template, usually one macro, e.g. `{click_id}`. */
  value: string;
}

export interface RequestTemplate {
  method: 'GET' | 'POST';
  url: string;
  /** Added to the URL's query, replacing parameters of the same name the URL already has. */
  query: readonly QueryParam[];
  headers: Readonly<Record<string, string>>;
  body?: string;
}

const ONE_MACRO = /^\{([a-z_]+)\}$/;

/** The macro a template consists of, when it is exactly one; such a part is left out when its value is absent. */
export function soleMacro(template: string): PostbackMacro | undefined {
  const name = ONE_MACRO.exec(template)?.[1];
  return name !== undefined && isPostbackMacro(name) ? name : undefined;
}

function fill(template: string, values: MacroValues, escape: (value: string) => string): string {
  return template.replace(MACRO_PATTERN, (text, name: string) =>
    isPostbackMacro(name) ? escape(values[name] ?? '') : text,
  );
}

function isAbsent(template: string, values: MacroValues): boolean {
  const macro = soleMacro(template);
  return macro !== undefined && values[macro] === undefined;
}

export function renderUrl(url: string, added: readonly QueryParam[], values: MacroValues): string {
  const questionMark = url.indexOf('?');
  const base = questionMark === -1 ? url : url.slice(0, questionMark);
  const query = questionMark === -1 ? '' : url.slice(questionMark + 1);
  const replaced = new Set(added.map((param) => param.name));
  const pairs = query
    .split('&')
    .filter((pair) => pair !== '')
    .filter((pair) => !replaced.has(decodeQueryPart(splitPair(pair)[0])))
    .flatMap((pair) => {
      const [name, value] = splitPair(pair);
      if (value === undefined) return [fill(name, values, encodeURIComponent)];
      if (isAbsent(value, values)) return [];
      return [`${fill(name, values, encodeURIComponent)}=${fill(value, values, encodeURIComponent)}`];
    });
  for (const param of added) {
    if (isAbsent(param.value, values)) continue;
    pairs.push(`${encodeURIComponent(param.name)}=${fill(param.value, values, encodeURIComponent)}`);
  }
  const filledBase = fill(base, values, encodeURIComponent);
  return pairs.length === 0 ? filledBase : `${filledBase}?${pairs.join('&')}`;
}

/** Fills the strings of a parsed JSON template; a property that is only an absent macro is left out. */
function fillJson(value: unknown, values: MacroValues): unknown {
  if (typeof value === 'string') return fill(value, values, (text) => text);
  if (Array.isArray(value)) return value.map((item) => fillJson(item, values));
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a "__proto__" key in a template stays a key
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => !(typeof inner === 'string' && isAbsent(inner, values)))
      .map(([key, inner]) => [fill(key, values, (text) => text), fillJson(inner, values)]),
  );
}

export function renderBody(template: string, values: MacroValues): string {
  return JSON.stringify(fillJson(JSON.parse(template), values));
}

export function renderRequest(template: RequestTemplate, values: MacroValues): PostbackRequest {
  const headers = { ...template.headers };
  if (template.body === undefined)
    return { method: template.method, url: renderUrl(template.url, template.query, values), headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  return {
    method: template.method,
    url: renderUrl(template.url, template.query, values),
    headers,
    body: renderBody(template.body, values),
  };
}
