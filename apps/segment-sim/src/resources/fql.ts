import { validation } from '../http/sim-error';

/**
 * A light check of FQL (Segment's filter query language): non-empty, balanced parentheses and
 * quotes. Enough to reject the malformed conditions a client could send, without a full parser.
 */
export function checkFql(value: string, field: string): void {
  if (value.trim() === '') throw validation(field, `${field} must be a non-empty FQL condition.`);
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) break;
  }
  if (quote || depth !== 0) throw validation(field, `${field} is not valid FQL: unbalanced quotes or parentheses.`);
}
