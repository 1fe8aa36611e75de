/**
 * Postgres full-text values in their text forms, as the text index reads them:
 * a `tsvector` (`'lexeme':3A,7 ...`) and a `tsquery` (`'red' & ( 'shirt' | 'shirt':* )`).
 * Postgres stays the one that parses and stems text: these only read what it printed.
 */

/**
 * A position as Postgres stores it (WordEntryPos): the weight in the two high
 * bits (A = 3, B = 2, C = 1, D = 0), the position (1..16383) in the low 14.
 */
export const positionOf = (wep: number) => wep & 0x3fff;
export const weightOf = (wep: number) => wep >>> 14;

const WEIGHT_CODES: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/** One document's vector: its lexemes in the vector's order, and each one's positions (flat). */
export interface ParsedVector {
  lexemes: string[];
  /** How many positions each lexeme has (0 for a lexeme without positions). */
  counts: number[];
  positions: number[];
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * A quoted lexeme starting at `start` (its opening quote), as Postgres prints
 * it: `''` is a quote and a backslash escapes the next character. Returns the
 * lexeme and the offset after its closing quote.
 */
function readQuoted(text: string, start: number): [string, number] {
  let lexeme = '';
  let i = start + 1;
  let from = i;
  for (;;) {
    if (i >= text.length) throw new Error(`unterminated lexeme at offset ${start}`);
    const c = text[i];
    if (c === "'") {
      if (text[i + 1] !== "'") return [lexeme + text.slice(from, i), i + 1];
      lexeme += `${text.slice(from, i)}'`;
      i += 2;
      from = i;
    } else if (c === '\\') {
      lexeme += text.slice(from, i) + (text[i + 1] ?? '');
      i += 2;
      from = i;
    } else {
      i++;
    }
  }
}

/**
 * Reads `tsvector` output: quoted lexemes (`''` is a quote, a backslash escapes
 * the next character), each optionally followed by `:` and comma-separated
 * positions with an optional weight letter (none = D). Throws on anything else.
 */
export function parseTsVector(text: string): ParsedVector {
  const out: ParsedVector = { lexemes: [], counts: [], positions: [] };
  const n = text.length;
  let i = 0;
  const fail = () => new Error(`not a tsvector at offset ${i}`);
  while (i < n) {
    if (text.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    if (text[i] !== "'") throw fail();
    const [lexeme, next] = readQuoted(text, i);
    i = next;
    let count = 0;
    if (text[i] === ':') {
      i++;
      for (;;) {
        let position = 0;
        const start = i;
        while (i < n && isDigit(text.charCodeAt(i))) position = position * 10 + (text.charCodeAt(i++) - 48);
        if (i === start || position > 0x3fff) throw fail();
        const weight = WEIGHT_CODES[text[i] as string];
        if (weight !== undefined) i++;
        out.positions.push(((weight ?? 0) << 14) | position);
        count++;
        if (text[i] !== ',') break;
        i++;
      }
    }
    out.lexemes.push(lexeme);
    out.counts.push(count);
  }
  return out;
}

/** A query the text index evaluates: lexemes (or prefixes of lexemes) combined by AND and OR. */
export type TsQueryNode =
  | { kind: 'term'; lexeme: string; prefix: boolean }
  | { kind: 'and' | 'or'; left: TsQueryNode; right: TsQueryNode };

/** More operands than this would not fit the evaluation's bit masks. */
export const MAX_QUERY_TERMS = 31;

/**
 * Reads `tsquery` output. Returns null for what the text index does not
 * evaluate (negation, phrase operators, weight restrictions, an empty query,
 * more than MAX_QUERY_TERMS operands): such queries are matched by Postgres.
 * Throws when the text is not a tsquery at all.
 */
export function parseTsQuery(text: string): TsQueryNode | null {
  let i = 0;
  let terms = 0;
  let unsupported = false;
  const n = text.length;
  const skip = () => {
    while (i < n && text.charCodeAt(i) === 32) i++;
  };
  const fail = () => new Error(`not a tsquery at offset ${i}`);

  const term = (): TsQueryNode => {
    const [lexeme, next] = readQuoted(text, i);
    i = next;
    let prefix = false;
    if (text[i] === ':') {
      i++;
      while (i < n && /[*A-Da-d]/.test(text[i] as string)) {
        if (text[i] === '*') prefix = true;
        else unsupported = true; // a weight restriction
        i++;
      }
    }
    terms++;
    return { kind: 'term', lexeme, prefix };
  };

  const primary = (): TsQueryNode => {
    skip();
    const c = text[i];
    if (c === "'") return term();
    if (c === '(') {
      i++;
      const inner = or();
      skip();
      if (text[i] !== ')') throw fail();
      i++;
      return inner;
    }
    if (c === '!') {
      unsupported = true;
      i++;
      return primary();
    }
    throw fail();
  };

  const and = (): TsQueryNode => {
    let left = primary();
    for (;;) {
      skip();
      if (text[i] === '&') {
        i++;
        left = { kind: 'and', left, right: primary() };
      } else if (text[i] === '<') {
        // Phrase operators (<->, <N>): positions must follow each other.
        const close = text.indexOf('>', i);
        if (close < 0) throw fail();
        unsupported = true;
        i = close + 1;
        left = { kind: 'and', left, right: primary() };
      } else {
        return left;
      }
    }
  };

  const or = (): TsQueryNode => {
    let left = and();
    for (;;) {
      skip();
      if (text[i] !== '|') return left;
      i++;
      left = { kind: 'or', left, right: and() };
    }
  };

  skip();
  if (i >= n) return null;
  const root = or();
  skip();
  if (i < n) throw fail();
  return unsupported || terms > MAX_QUERY_TERMS ? null : root;
}
