import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTurn, postsOnly } from '../src/in-turn.js';
import { jsonBody } from '../src/json-body.js';

const LIMIT = 2_000;

interface Seen {
  status: number;
  body: unknown;
  type?: string;
}

/** Requests the lean reader handed to express.json(), by x-case header. */
const handedOn: string[] = [];
/** Errors the app's error handler received, by x-case header. */
const errors = new Map<string, { status: number; type?: string }>();

function app(parser: RequestHandler): express.Express {
  const a = express();
  a.post('/', parser, (req, res) => {
    res.json({ status: 200, body: req.body === undefined ? '(undefined)' : req.body });
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = Number(error.status ?? error.statusCode) || 500;
    errors.set(String(req.headers['x-case']), { status, type: error.type });
    res.status(200).json({ status, body: null, type: error.type });
  };
  a.use(onError);
  return a;
}

const servers: Server[] = [];
let lean = '';
let reference = '';

async function listen(a: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = a.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  const fallback = express.json({ limit: LIMIT });
  lean = await listen(
    app(
      jsonBody({
        limit: LIMIT,
        otherwise: (req, res, next) => {
          handedOn.push(String(req.headers['x-case']));
          fallback(req, res, next);
        },
      }),
    ),
  );
  reference = await listen(app(express.json({ limit: LIMIT })));
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** One POST on node:http, the body written in the given pieces (chunked unless a length is given). */
function post(url: string, name: string, headers: Record<string, string>, pieces: Buffer[]): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'x-case': name, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve(JSON.parse(text) as Seen));
    });
    req.on('error', reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

const b = (text: string) => Buffer.from(text, 'utf8');
const sized = (type: string, body: Buffer, more: Record<string, string> = {}) => ({
  headers: { 'content-type': type, 'content-length': String(body.length), ...more },
  pieces: [body],
});

const euro = b('{"price":"12 €","name":"Grüße"}');
const cases: Record<string, { headers: Record<string, string>; pieces: Buffer[]; lean: boolean }> = {
  'an object': { ...sized('application/json', b('{"query":"{ a }","variables":{"n":1}}')), lean: true },
  'charset utf-8': { ...sized('application/json; charset=utf-8', b('{"a":[1,2]}')), lean: true },
  'quoted upper-case charset': { ...sized('Application/JSON; charset="UTF-8"', b('{"a":true}')), lean: true },
  'an array after whitespace': { ...sized('application/json', b(' \n\t[1,{"b":null}]')), lean: true },
  'whitespace only': { ...sized('application/json', b('   ')), lean: true },
  'a byte order mark': { ...sized('application/json', Buffer.concat([b('\uFEFF'), b('{"bom":1}')])), lean: true },
  'a string (strict)': { ...sized('application/json', b('"just text"')), lean: true },
  'a number (strict)': { ...sized('application/json', b(' 42')), lean: true },
  'a line separator first': { ...sized('application/json', b('\u2028{}')), lean: true },
  'malformed JSON': { ...sized('application/json', b('{"query": "{ a }",')), lean: true },
  'exactly the limit': {
    ...sized('application/json', b(`{"p":"${'x'.repeat(LIMIT - 8)}"}`)),
    lean: true,
  },
  'a multi-byte character split between pieces': {
    headers: { 'content-type': 'application/json', 'content-length': String(euro.length) },
    pieces: [euro.subarray(0, 13), euro.subarray(13, 14), euro.subarray(14)],
    lean: true,
  },
  'one byte over the limit': { ...sized('application/json', b(`{"p":"${'x'.repeat(LIMIT - 7)}"}`)), lean: false },
  'an empty body': { ...sized('application/json', b('')), lean: false },
  'chunked, no length': { headers: { 'content-type': 'application/json' }, pieces: [b('{"a"'), b(':1}')], lean: false },
  gzip: { ...sized('application/json', gzipSync(b('{"zipped":true}')), { 'content-encoding': 'gzip' }), lean: false },
  'identity encoding': {
    ...sized('application/json', b('{"plain":1}'), { 'content-encoding': 'Identity' }),
    lean: true,
  },
  'a +json type': { ...sized('application/vnd.api+json', b('{"a":1}')), lean: false },
  'text/plain': { ...sized('text/plain', b('{"a":1}')), lean: false },
  latin1: { ...sized('application/json; charset=latin1', b('{"a":1}')), lean: false },
  'utf-16 charset': { ...sized('application/json; charset=utf-16', b('{"a":1}')), lean: false },
};

describe('jsonBody (the lean JSON body reader)', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`answers ${name} as express.json() does${c.lean ? ', read by itself' : ', through express.json()'}`, async () => {
      const expected = await post(reference, name, c.headers, c.pieces);
      const got = await post(lean, name, c.headers, c.pieces);
      expect(got).toEqual(expected);
      expect(handedOn.includes(name)).toBe(!c.lean);
    });
  }

  it('reads what it is given: objects and arrays, and each failure with the status and type of body-parser', async () => {
    const seen = async (name: string) => post(lean, name, cases[name]!.headers, cases[name]!.pieces);
    expect((await seen('a multi-byte character split between pieces')).body).toEqual({
      price: '12 €',
      name: 'Grüße',
    });
    expect(await seen('whitespace only')).toEqual({ status: 400, body: null, type: 'entity.parse.failed' });
    expect((await seen('a byte order mark')).body).toEqual({ bom: 1 });
    expect(await seen('a string (strict)')).toEqual({ status: 400, body: null, type: 'entity.parse.failed' });
    expect(await seen('malformed JSON')).toEqual({ status: 400, body: null, type: 'entity.parse.failed' });
    expect(await seen('one byte over the limit')).toEqual({ status: 413, body: null, type: 'entity.too.large' });
    expect(await seen('latin1')).toEqual({ status: 415, body: null, type: 'charset.unsupported' });
  });

  it('fails a body cut short by the client with 400 instead of waiting for the rest', async () => {
    const { port } = new URL(lean);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST / HTTP/1.1\r\nhost: x\r\nx-case: cut short\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const deadline = Date.now() + 2_000;
    while (!errors.has('cut short') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(errors.get('cut short')).toEqual({ status: 400, type: 'request.aborted' });
  });
});

describe('inTurn (handlers as one layer)', () => {
  const run = async (handlers: RequestHandler[], method = 'POST') => {
    const a = express();
    const trail: string[] = [];
    a.use((req, _res, next) => {
      req.headers['x-trail'] = '';
      next();
    });
    a.use(
      '/p',
      inTurn(
        handlers.map((h, i) => (req, res, next) => {
          trail.push(`h${i}`);
          return h(req, res, next);
        }),
      ),
    );
    a.use((_req, res) => {
      trail.push('after');
      res.status(404).send('after');
    });
    const onError: ErrorRequestHandler = (error, _req, res, _next) => {
      trail.push(`error:${(error as Error).message}`);
      res.status(500).send('error');
    };
    a.use(onError);
    const url = await listen(a);
    const res = await fetch(`${url}p`, { method });
    return { trail, status: res.status, text: await res.text() };
  };
  const pass: RequestHandler = (_req, _res, next) => next();

  it('runs each handler in order and passes on when all do', async () => {
    expect(await run([pass, pass, pass])).toEqual({ trail: ['h0', 'h1', 'h2', 'after'], status: 404, text: 'after' });
    expect(await run([])).toEqual({ trail: ['after'], status: 404, text: 'after' });
  });

  it('stops at a handler that answers', async () => {
    const answer: RequestHandler = (_req, res) => void res.status(201).send('answered');
    expect(await run([pass, answer, pass])).toEqual({ trail: ['h0', 'h1'], status: 201, text: 'answered' });
  });

  it('takes next(error), a throw and a rejected promise to the error handlers', async () => {
    const fails: RequestHandler = (_req, _res, next) => next(new Error('told'));
    const throws: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejects: RequestHandler = async () => {
      await Promise.resolve();
      throw new Error('rejected');
    };
    expect((await run([pass, fails, pass])).trail).toEqual(['h0', 'h1', 'error:told']);
    expect((await run([throws, pass])).trail).toEqual(['h0', 'error:thrown']);
    expect((await run([pass, rejects, pass])).trail).toEqual(['h0', 'h1', 'error:rejected']);
  });

  it('postsOnly runs its handler for POST and passes other methods on', async () => {
    const answer = postsOnly((_req, res) => void res.status(202).send('posted'));
    expect(await run([answer], 'POST')).toEqual({ trail: ['h0'], status: 202, text: 'posted' });
    expect(await run([answer], 'GET')).toEqual({ trail: ['h0', 'after'], status: 404, text: 'after' });
  });
});
