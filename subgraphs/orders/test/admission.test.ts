import { describe, expect, it } from 'vitest';
import { Admission } from '../src/workflows/admission.js';

describe('checkout admission', () => {
  it('admits up to its concurrency at once, then in arrival order as slots are given back', async () => {
    const admission = new Admission(2, 1_000);
    expect(await admission.acquire()).toBe(true);
    expect(await admission.acquire()).toBe(true);
    const order: string[] = [];
    const third = admission.acquire().then((ok) => order.push(`third ${ok}`));
    const fourth = admission.acquire().then((ok) => order.push(`fourth ${ok}`));
    expect(admission.load).toEqual({ running: 2, waiting: 2 });
    admission.release();
    await third;
    expect(order).toEqual(['third true']);
    expect(admission.load).toEqual({ running: 2, waiting: 1 });
    admission.release();
    await fourth;
    expect(order).toEqual(['third true', 'fourth true']);
    for (let i = 0; i < 2; i++) admission.release();
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it('turns a request away after its queue time, and never hands a slot to one that left', async () => {
    const admission = new Admission(1, 30);
    expect(await admission.acquire()).toBe(true);
    const started = Date.now();
    expect(await admission.acquire()).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(admission.load).toEqual({ running: 1, waiting: 0 });
    admission.release();
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
    // A new request is not queued behind the one that gave up.
    expect(await admission.acquire()).toBe(true);
  });

  it('refuses a concurrency below one', () => {
    expect(() => new Admission(0, 10)).toThrow(/positive integer/);
  });
});
