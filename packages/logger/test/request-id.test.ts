import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { acceptRequestId, currentRequestId, REQUEST_ID_HEADER, withRequestScope } from '../src/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('acceptRequestId', () => {
  it('keeps a well-formed id from the caller', () => {
    for (const id of ['abcd1234', 'router:7f3a.b_c-9', 'a'.repeat(128), '0b6e3c1e-2f1d-4f55-9a8e-5d7c3b2a1f00']) {
      expect(acceptRequestId(id)).toBe(id);
    }
  });

  it('takes the first value of a repeated header', () => {
    expect(acceptRequestId(['first-id-0001', 'second-id-0002'])).toBe('first-id-0001');
  });

  it('mints a UUID for a missing, malformed or overlong id', () => {
    const bad = [
      undefined,
      '',
      'short',
      'a'.repeat(129),
      'has space 1234',
      'line\nbreak-1234',
      '<script>x</script>',
      [],
    ];
    for (const incoming of bad) {
      const minted = acceptRequestId(incoming);
      expect(minted, String(incoming)).toMatch(UUID);
    }
    expect(acceptRequestId(undefined)).not.toBe(acceptRequestId(undefined));
  });

  it('names the header the router sends', () => {
    expect(REQUEST_ID_HEADER).toBe('x-request-id');
  });
});

describe('withRequestScope', () => {
  it('exposes the request id inside the scope, across awaits, and not outside', async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await withRequestScope({ requestId: 'req-outer-1' }, async () => {
      const before = currentRequestId();
      await sleep(5);
      const after = currentRequestId();
      const fromTimer = await new Promise((resolve) => setTimeout(() => resolve(currentRequestId()), 1));
      return { before, after, fromTimer };
    });
    expect(seen).toEqual({ before: 'req-outer-1', after: 'req-outer-1', fromTimer: 'req-outer-1' });
    expect(currentRequestId()).toBeUndefined();
  });

  it('keeps concurrent scopes apart', async () => {
    const run = (requestId: string, delay: number) =>
      withRequestScope({ requestId }, async () => {
        await sleep(delay);
        return currentRequestId();
      });
    await expect(Promise.all([run('request-a-01', 20), run('request-b-02', 1)])).resolves.toEqual([
      'request-a-01',
      'request-b-02',
    ]);
  });

  it('returns what the function returns', () => {
    expect(withRequestScope({ requestId: 'req-sync-01' }, () => `${currentRequestId()}!`)).toBe('req-sync-01!');
  });
});
