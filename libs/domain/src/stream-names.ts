// Client-chosen ids are the organisation's own: two buyers may both open case "2026-001". The
// streams of owner-scoped aggregates are therefore named `<prefix><organisation>/<id>`, with the
// organisation percent-encoded so that it never holds the `/` that ends it.

/** The stream of one organisation's aggregate, e.g. `procurement-case-org-a/2026-001`. */
export const ownedStreamId = (prefix: string, organisationId: string, id: string): string =>
  `${prefix}${encodeURIComponent(organisationId)}/${id}`;

/** The organisation and the id in an owned stream's name, or undefined if it is not one of `prefix`. */
export function parseOwnedStreamId(
  prefix: string,
  streamId: string,
): { readonly organisationId: string; readonly id: string } | undefined {
  if (!streamId.startsWith(prefix)) return undefined;
  const rest = streamId.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  try {
    return { organisationId: decodeURIComponent(rest.slice(0, slash)), id: rest.slice(slash + 1) };
  } catch {
    return undefined;
  }
}
