const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuid columns: anything else would be a database error, so it is simply not found. */
export const isUuid = (id: string): boolean => UUID.test(id);
