/**
 * The one format of ids a caller chooses or sends (a case's, factory's, finding's, supplier's,
 * organisation's…), and of the ids the engine derives from them (a questionnaire's
 * `<contract>.year-<n>`): letters, digits and `. _ : ~ -`, starting with a letter or digit, at most
 * 200 characters. No whitespace, no control or invisible characters, and no slash: every id is one
 * path segment as it is, and the slash stays free to separate an organisation from its id in stream
 * names and workflow ids. Ids recorded before the slash was refused still load; only new input is
 * checked.
 */
export const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._:~-]{0,199}$/u;

/** Why a text is not an id, in the words of the 400 answer and the CLI's usage error. */
export const ID_RULE = 'must be 1 to 200 letters, digits or . _ : ~ - (starting with a letter or digit; no slash)';

export const isId = (text: string): boolean => ID_PATTERN.test(text);
