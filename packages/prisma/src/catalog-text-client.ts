import pg from 'pg';

/** Postgres type oids that @prisma/adapter-pg cannot deserialise (prisma/orm#27403). */
const PG_NAME_OID = 19;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function relabelCatalogColumns<T>(result: T): T {
  const list = Array.isArray(result) ? result : [result];
  for (const item of list as QueryResultLike[]) {
    for (const field of item?.fields ?? []) {
      if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
      }
    }
  }
  return result;
}

/**
 * A pg Client whose results report pg_catalog `name` and `"char"` columns as text.
 * Prisma's JavaScript schema engine introspects pg_catalog through the adapter and
 * fails on those two types; their text form is exactly what it needs.
 */
export class CatalogTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads cannot be restated.
  override query(...args: any[]): any {
    // pg.Pool calls query(text, values, callback): relabel before the callback sees the result.
    const last = args.at(-1);
    if (typeof last === 'function') {
      // biome-ignore lint/suspicious/noExplicitAny: pg's callback shape.
      args[args.length - 1] = (error: Error | null, result: any) =>
        last(error, error ? result : relabelCatalogColumns(result));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const out = (super.query as any)(...args);
    if (out && typeof out.then === 'function') {
      return out.then(relabelCatalogColumns);
    }
    return out;
  }
}
