import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const CDN = /unpkg\.com|jsdelivr\.net|cdnjs|googleapis\.com|esm\.sh|skypack/;

describe('the GraphiQL playground, on (as in development)', () => {
  let sg: Supergraph;
  beforeAll(async () => {
    sg = await startSupergraph({ playground: true, introspection: true });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('serves GraphiQL to browsers at GET /graphql, every asset from the router itself', async () => {
    const res = await fetch(`${sg.routerUrl}/graphql`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
    const html = await res.text();
    expect(html).toContain('id="graphiql"');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset.startsWith('/playground/')).toBe(true);
      const file = await fetch(`${sg.routerUrl}${asset}`);
      expect([asset, file.status]).toEqual([asset, 200]);
      expect(await file.text()).not.toMatch(CDN);
    }
    const entry = assets.find((a) => a.endsWith('.js')) as string;
    const bundle = await (await fetch(`${sg.routerUrl}${entry}`)).text();
    // GraphiQL itself, with its headers editor and documentation explorer, is in the bundle.
    expect(bundle).toMatch(/graphiql/i);
    expect(bundle).toMatch(/headers/i);
  });

  it('renders GraphiQL, with its headers editor and docs, in a real browser (Chromium, as CI installs it)', async () => {
    const profile = await mkdtemp(path.join(tmpdir(), 'sg-playground-'));
    try {
      // Asynchronous: the router answering the browser lives in this process.
      const { stdout: dom } = await promisify(execFile)(
        'chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          `--user-data-dir=${profile}`,
          '--virtual-time-budget=15000',
          '--dump-dom',
          `${sg.routerUrl}/graphql`,
        ],
        { encoding: 'utf8', timeout: 90_000, maxBuffer: 50_000_000 },
      );
      expect(dom).toContain('graphiql-container');
      expect(dom).not.toContain('Loading the playground');
      expect(dom).toMatch(/>Headers</);
      expect(dom).toContain('Bearer &lt;access token from login&gt;');
      expect(dom).toMatch(/aria-label="Show Documentation Explorer"/);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it('still answers GraphQL over GET and POST, and introspection for the docs', async () => {
    const get = await fetch(`${sg.routerUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' }, extensions: expect.any(Object) });
    const docs = await sg.gql('{ __schema { queryType { name } } }');
    expect(docs.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await fetch(`${sg.routerUrl}/playground/nope.js`)).status).toBe(404);
  });
});

describe('the playground, off (as in production)', () => {
  let sg: Supergraph;
  beforeAll(async () => {
    sg = await startSupergraph();
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('serves no page and no bundle, and no introspection', async () => {
    const res = await fetch(`${sg.routerUrl}/graphql`, { headers: HTML });
    expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
    expect((await fetch(`${sg.routerUrl}/playground/index.html`)).status).toBe(404);
    const introspection = await sg.gql('{ __schema { queryType { name } } }');
    expect(introspection.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
