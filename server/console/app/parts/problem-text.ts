/** What the admin reads for a failure: the API's own words (ApiProblem is an Error), or the thrown value as text. */
export function problemText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
