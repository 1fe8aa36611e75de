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

  it('removes passwords, tokens, card data and addresses by category, wherever they appear', () => {
    const { logger, lines } = capture();
    const categories: Record<string, Record<string, unknown>> = {
      passwords: { input: { password: 'pw-1-secret', newPassword: 'pw-2-secret', currentPassword: 'pw-3-secret' } },
      tokens: {
        headers: { authorization: 'Bearer tok-1-secret', cookie: 'sid=tok-2-secret' },
        result: { accessToken: 'tok-3-secret', refreshToken: 'tok-4-secret', orderToken: 'tok-5-secret' },
        partner: { apiKey: 'tok-6-secret' },
        payment: { clientSecret: 'tok-7-secret' },
      },
      cards: {
        variables: { payment: { card: { number: '4000056655665556', exp: '12/34' } } },
        raw: { cardNumber: '5555555555554444', cvc: '737', cvv: '7373' },
      },
      addresses: {
        order: { shippingAddress: { line1: '221B Baker Street' }, billingAddress: { city: 'Hidden Town' } },
        user: { addresses: [{ line1: '742 Evergreen Terrace' }], address: { postalCode: 'Z1P-S3CR' } },
      },
    };
    for (const [category, fields] of Object.entries(categories)) logger.info(fields, category);
    const text = lines.join('');
    for (const secret of [
      'pw-1-secret',
      'pw-2-secret',
      'pw-3-secret',
      'tok-1-secret',
      'tok-2-secret',
      'tok-3-secret',
      'tok-4-secret',
      'tok-5-secret',
      'tok-6-secret',
      'tok-7-secret',
      '4000056655665556',
      '12/34',
      '5555555555554444',
      '737',
      '221B Baker Street',
      'Hidden Town',
      '742 Evergreen Terrace',
      'Z1P-S3CR',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(JSON.parse(line)['log.level']).toBe('info');
  });

  it('redacts fields of an error logged with it, and keeps its ECS error fields', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('payment declined'), { code: 'card_declined' });
    logger.error({ err: error, payment: { cardNumber: '4242424242424242' } }, 'payment failed');
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      'error.type': 'Error',
      'error.message': 'payment declined',
      'error.code': 'card_declined',
      payment: { cardNumber: '[redacted]' },
    });
  });

  it('keeps what is not secret', () => {
    const { logger, lines } = capture();
    logger.info({ orderId: 'o-1', quantity: 3 }, 'placed');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      orderId: 'o-1',
      quantity: 3,
      message: 'placed',
      'service.name': 'redaction-test',
    });
  });
});
