import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from '../src/resilience/circuit-breaker.js';

function breaker() {
  let now = 0;
  const states: CircuitState[] = [];
  const b = new CircuitBreaker({
    failureThreshold: 3,
    openMs: 1_000,
    now: () => now,
    onStateChange: (s) => states.push(s),
  });
  const advance = (ms: number) => {
    now += ms;
  };
  return { b, states, advance };
}

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures, and a success resets the count', () => {
    const { b, states } = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.current).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(states).toEqual(['open']);
  });

  it('lets exactly one probe through after the open period; its success closes the circuit', () => {
    const { b, states, advance } = breaker();
    for (let i = 0; i < 3; i += 1) b.failure();
    advance(999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.success();
    expect(b.tryAcquire()).toBe(true);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for a full period when the probe fails', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i += 1) b.failure();
    advance(1_000);
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.current).toBe('open');
    advance(999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.tryAcquire()).toBe(true);
  });
});
