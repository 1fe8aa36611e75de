import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('redaction-test', { destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

describe('redaction', () => {
  it('removes secrets nested up to four levels deep, and card data and addresses', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        body: { user: { password: 'hunter2-nested' } },
        variables: { input: { card: { number: '4242424242424242' }, cvc: '123' } },
        refreshToken: 'rt-secret',
        order: { shippingAddress: { line1: '1 Secret Lane' } },
      },
      'request',
    );
    const text = lines.join('');
    for (const secret of ['hunter2-nested', '4242424242424242', '"123"', 'rt-secret', '1 Secret Lane']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('keeps what is not secret', () => {
    const { logger, lines } = capture();
    logger.info({ orderId: 'o-1', quantity: 3 }, 'placed');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      orderId: 'o-1',
      quantity: 3,
      message: 'placed',
      service: 'redaction-test',
    });
  });
});
