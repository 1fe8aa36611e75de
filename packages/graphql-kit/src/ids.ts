const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Our ids are uuid columns: a string of another shape cannot name anything, and
 * sending it to Postgres would be a cast error. Callers treat it as "not found".
 */
export const isUuid = (id: string): boolean => UUID.test(id);

/** The distinct well-formed ids of a batch (DataLoader keys, filters). */
export const onlyUuids = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];
