/** The longest name pattern a request may give (`select.names`, `include.names`, `exclude.names`). */
export const MAX_NAME_PATTERN_LENGTH = 256;
/** How many names or patterns one list may hold. */
export const MAX_NAME_PATTERNS = 200;

/**
 * A glob matcher: `*` matches any run of characters (the empty one and new lines included),
 * everything else literally, case-insensitive. No regular expression: the pattern is cut at its
 * stars once, and a text is matched by anchoring the first and last pieces and finding each
 * middle piece leftmost after the previous one. Leftmost is always right for `*`-only globs, so
 * nothing is ever tried twice: the work is bounded by text length × piece length, whatever the
 * number of stars (`********#` against a long name answers at once).
 */
export function globMatcher(pattern: string): (text: string) => boolean {
  const pieces = pattern.toLowerCase().split('*');
  if (pieces.length === 1) {
    const literal = pieces[0]!;
    return (text) => text.length === literal.length && text.toLowerCase() === literal;
  }
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '');
  const least = first.length + last.length + middle.reduce((sum, piece) => sum + piece.length, 0);
  return (original) => {
    if (original.length < least) return false;
    const text = original.toLowerCase();
    if (!text.startsWith(first) || !text.endsWith(last)) return false;
    const end = text.length - last.length;
    let at = first.length;
    for (const piece of middle) {
      const found = text.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return at <= end;
  };
}
