/**
 * The Postgres NOTIFY channel of search_documents changes: the writers send a
 * product id after each applied event, `*` after a reindex swap; DocValuesSync
 * listens. Notifications are delivered at commit, in commit order.
 */
export const DOCUMENTS_CHANNEL = 'search_documents';
