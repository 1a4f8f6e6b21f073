/**
 * Free-text search on read models with PostgreSQL's own full-text search, the same SQL on PGlite
 * and on a PostgreSQL server (no extension: `unaccent` is not in PGlite). Text is folded before
 * it is split into words: compatibility-decomposed (NFKD) with the combining accents removed, so
 * "Müller", "MÜLLER" and "muller" are one word. The `simple` configuration lowercases and keeps
 * every word (no stemming, no stop words): names and titles come in many languages.
 */
const folded = (sql: string) => `regexp_replace(normalize(${sql}, NFKD), '[\\u0300-\\u036f]', '', 'g')`;

/**
 * The search document of a row, for a generated column:
 * `search tsvector GENERATED ALWAYS AS (${searchDocument('title')}) STORED`, with a GIN index on it.
 */
export const searchDocument = (...columns: readonly string[]): string =>
  `to_tsvector('simple', ${folded(columns.map((column) => `coalesce(${column}, '')`).join(` || ' ' || `))})`;

/**
 * Whether `document` (a tsvector column) matches the words of the text in `text` (a placeholder):
 * every word, each as a prefix ("shenz" finds "Shenzhen"). The text is split into words by the
 * same parser as the document, so both see the same words; text without words matches nothing.
 */
export const matchesSearch = (document: string, text: string): string =>
  `${document} @@ to_tsquery('simple', (SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '\\''') || ''':*', ' & ')
     FROM unnest(to_tsvector('simple', ${folded(text)}))))`;
