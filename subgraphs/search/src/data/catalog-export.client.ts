import { randomUUID } from 'node:crypto';
import { internalCallHeaders } from '@storegraph/auth';
import type { ExportPage } from './reindexer.js';

/** Reads the products subgraph's internal export, a page at a time, as an internal caller. */
export function catalogExportPages(options: { productsUrl: string; internalSecret: string; pageSize?: number }) {
  const origin = new URL(options.productsUrl).origin;
  return async (after: string | null): Promise<ExportPage> => {
    const url = new URL('/internal/catalog/export', origin);
    url.searchParams.set('limit', String(options.pageSize ?? 500));
    if (after) url.searchParams.set('after', after);
    const res = await fetch(url, {
      headers: internalCallHeaders(options.internalSecret, {
        requestId: `reindex-${randomUUID()}`,
        clientIp: '',
        authorization: undefined,
      }),
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw new Error(`the catalog export answered HTTP ${res.status}`);
    return (await res.json()) as ExportPage;
  };
}
