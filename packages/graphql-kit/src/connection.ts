import { PageInfo } from './common-types.js';
import { badUserInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;

/** `first` must be 1..100; a larger value is BAD_USER_INPUT, never silently capped. */
export function pageSize(first: number | null | undefined, fallback = 24): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  return size;
}

type CursorValue = string | number | null;

/** Opaque cursor: the sort key values of the last row, as base64url JSON. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `arity` values, or throws BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  const invalid = () => badUserInput('after is not a valid cursor.', ['after']);
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(values) ||
    values.length !== arity ||
    !values.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  ) {
    throw invalid();
  }
  return values as CursorValue[];
}

export function pageInfo(options: {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}): PageInfo {
  return Object.assign(new PageInfo(), options);
}

/** One page of a keyset-paginated list, as the connection resolvers read it. */
export interface KeysetPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counts the whole list, once, and only when a client asks for totalCount. */
  countTotal: () => Promise<number>;
}

/**
 * Builds a page from rows fetched with a limit of `size + 1`: the extra row, if
 * present, only tells that there is a next page.
 */
export function keysetPage<T>(
  rows: T[],
  size: number,
  options: { cursorOf: (row: T) => string; afterGiven: boolean; count: () => Promise<number> },
): KeysetPage<T> {
  let total: Promise<number> | undefined;
  return {
    edges: rows.slice(0, size).map((node) => ({ cursor: options.cursorOf(node), node })),
    hasNextPage: rows.length > size,
    hasPreviousPage: options.afterGiven,
    countTotal: () => {
      total ??= options.count();
      return total;
    },
  };
}

export function pageInfoOf(page: KeysetPage<unknown>): PageInfo {
  return pageInfo({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.edges[0]?.cursor ?? null,
    endCursor: page.edges.at(-1)?.cursor ?? null,
  });
}
