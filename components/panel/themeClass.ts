/** The class that sets the chat app's theme on a piece of the UI; none until the page is read (the system's applies). */
export function themeClass(theme: 'light' | 'dark' | undefined): string {
  return theme ? ` td-theme-${theme}` : '';
}
