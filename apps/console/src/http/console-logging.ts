/** A buyer's phone is the identifier of /api/buyers/:phone: it is logged as `:phone`, never as given. */
export function redactPath(path: string): string {
  return path.replace(/^(\/api\/buyers\/)[^/]*/i, '$1:phone');
}
