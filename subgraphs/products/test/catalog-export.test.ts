import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { internalCallHeaders } from '@storegraph/auth';
import { ProductDocument } from '@storegraph/events';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { exportRouter } from '../src/events/export.routes.js';
import { resetCatalog } from './catalog-fixture.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const secret = 'export-test-secret-0123456789abcdef';
let server: Server;
let base: string;

const get = (query: string, headers: Record<string, string>) =>
  fetch(`${base}/internal/catalog/export${query}`, { headers }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as any,
  }));
const signed = () =>
  internalCallHeaders(secret, { requestId: `export-${randomUUID()}`, clientIp: '', authorization: undefined });

beforeAll(async () => {
  await resetCatalog(
    prisma,
    Array.from({ length: 7 }, (_, i) => ({
      slug: `export-${i}`,
      title: `Export ${i}`,
      categorySlug: i % 2 ? 'shirts' : 'footwear',
      brandSlug: i % 3 ? 'acme' : undefined,
      createdAt: new Date(Date.UTC(2026, 0, i + 1)),
      deleted: i === 6,
      variants: [{ sku: `EX-${i}`, priceMinor: 1000 + i, quantityOnHand: i }],
    })),
  );
  const app = express();
  app.use(exportRouter({ prisma, internalSecret: secret }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await prisma.$disconnect();
});

describe('catalog export', () => {
  it('pages through every live product as valid search documents', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any } = await get(`?limit=3${cursor ? `&after=${cursor}` : ''}`, signed());
      expect(res.status).toBe(200);
      for (const doc of res.body.documents) {
        const parsed = ProductDocument.parse(doc);
        seen.push(parsed.slug);
      }
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['export-0', 'export-1', 'export-2', 'export-3', 'export-4', 'export-5']);
    const one = (await get('?limit=1000', signed())).body.documents.find((d: any) => d.slug === 'export-1');
    expect(one.categoryPath.map((c: any) => c.slug)).toEqual(['apparel', 'tops', 'shirts']);
    expect(one.brand.slug).toBe('acme');
    expect(one.variants[0]).toMatchObject({ sku: 'EX-1', priceMinor: 1001, quantityAvailable: 1 });
  });

  it('answers internal callers only, and refuses bad paging input', async () => {
    expect((await get('', {})).status).toBe(401);
    const forged = internalCallHeaders('not-the-secret-not-the-secret-00', {
      requestId: 'x-00000001',
      clientIp: '',
      authorization: undefined,
    });
    expect((await get('', forged)).status).toBe(401);
    expect((await get('?limit=0', signed())).status).toBe(400);
    expect((await get('?limit=5000', signed())).status).toBe(400);
    const bad = await get("?after=1'%20OR%201=1", signed());
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/SELECT|prisma|at /);
  });
});
