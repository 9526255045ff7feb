/** Whether the chat app is shown light or dark, so the panel beside it can match. */
export type PageTheme = 'light' | 'dark';

const hasClass = (doc: Document, names: readonly string[]) =>
  [doc.documentElement, doc.body].some((element) => element && names.some((name) => element.classList.contains(name)));

/** Relative luminance of an opaque `rgb()` colour, or undefined for a transparent or unreadable one. */
function luminanceOf(color: string): number | undefined {
  const match = /^rgba?\((\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,\s/]+([\d.]+%?))?\)$/.exec(color.trim());
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
  if (alpha < 0.5) return undefined;
  const [r, g, b] = [match[1], match[2], match[3]].map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page's own background, read where it is painted (body, else html). */
function backgroundLuminance(doc: Document): number | undefined {
  const view = doc.defaultView;
  if (!view) return undefined;
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const luminance = luminanceOf(view.getComputedStyle(element).backgroundColor);
    if (luminance !== undefined) return luminance;
  }
  return undefined;
}

/**
 * The chat app's theme: by its own dark classes when its adapter names them (light without one); on a page without
 * them, how dark its background is; last, the system's preference.
 */
export function pageTheme(doc: Document, darkClasses?: readonly string[]): PageTheme {
  if (darkClasses) return hasClass(doc, darkClasses) ? 'dark' : 'light';
  const luminance = backgroundLuminance(doc);
  if (luminance !== undefined) return luminance < 0.2 ? 'dark' : 'light';
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Calls back with the theme now and whenever the app or the system switches it; returns the way to stop. */
export function watchPageTheme(
  doc: Document,
  darkClasses: readonly string[] | undefined,
  onChange: (theme: PageTheme) => void,
): () => void {
  let last: PageTheme | undefined;
  const check = () => {
    const theme = pageTheme(doc, darkClasses);
    if (theme === last) return;
    last = theme;
    onChange(theme);
  };
  const view = doc.defaultView;
  const watched = { attributes: true, attributeFilter: ['class', 'style'] };
  let body: HTMLElement | null = null;
  const observer = view
    ? new view.MutationObserver(() => {
        // The app may replace <body> as it starts: the new one is watched from then on.
        if (doc.body !== body && (body = doc.body)) observer?.observe(body, watched);
        check();
      })
    : undefined;
  observer?.observe(doc.documentElement, { ...watched, childList: true });
  if ((body = doc.body)) observer?.observe(body, watched);
  const media = view?.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener?.('change', check);
  check();
  return () => {
    observer?.disconnect();
    media?.removeEventListener?.('change', check);
  };
}
