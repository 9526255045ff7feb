/** The ids an input is described by: its hint and its error, whichever are shown. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const shown = ids.filter((id): id is string => Boolean(id));
  return shown.length > 0 ? shown.join(' ') : undefined;
}
