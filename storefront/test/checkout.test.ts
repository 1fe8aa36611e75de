import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetPayPalPending,
  orderToken,
  payPalPending,
  rememberOrderToken,
  rememberPayPalPending,
} from '../src/order-tokens';
import { isPayPalApprovalUrl, offeredProviders, parseProviders } from '../src/payment-providers';

afterEach(() => {
  document.head.querySelector('meta[name="storegraph-payment-providers"]')?.remove();
  sessionStorage.clear();
  localStorage.clear();
});

describe('payment providers', () => {
  it('offers TEST and PayPal when named (Stripe comes from its publishable key, never from the list)', () => {
    expect(parseProviders('TEST')).toEqual(['TEST']);
    expect(parseProviders(' stripe , test')).toEqual(['TEST']);
    expect(parseProviders('STRIPE,PAYPAL')).toEqual(['PAYPAL']);
    expect(parseProviders('paypal, TEST, paypal')).toEqual(['TEST', 'PAYPAL']);
    expect(parseProviders('BITCOIN')).toEqual([]);
    expect(parseProviders('')).toEqual([]);
    expect(parseProviders(null)).toEqual([]);
  });

  it('follows the page’s meta tag, set by the server, over the build mode', () => {
    const meta = document.createElement('meta');
    meta.name = 'storegraph-payment-providers';
    meta.content = '';
    document.head.append(meta);
    expect(offeredProviders()).toEqual([]);
    meta.content = 'TEST';
    expect(offeredProviders()).toEqual(['TEST']);
    meta.content = 'PAYPAL,TEST';
    expect(offeredProviders()).toEqual(['TEST', 'PAYPAL']);
    const key = document.createElement('meta');
    key.name = 'storegraph-stripe-publishable-key';
    key.content = 'pk_test_checkout0123456789';
    document.head.append(key);
    try {
      expect(offeredProviders()).toEqual(['TEST', 'STRIPE', 'PAYPAL']);
    } finally {
      key.remove();
    }
  });

  it('sends the buyer only to PayPal’s own pages over HTTPS to approve a payment', () => {
    expect(isPayPalApprovalUrl('https://www.sandbox.paypal.com/checkoutnow?token=5O190127TN364715T')).toBe(true);
    expect(isPayPalApprovalUrl('https://www.paypal.com/checkoutnow?token=5O190127TN364715T')).toBe(true);
    expect(isPayPalApprovalUrl('https://paypal.com/checkoutnow')).toBe(true);
    for (const bad of [
      'http://www.paypal.com/checkoutnow',
      'https://www.paypal.com.evil.example/checkoutnow',
      'https://evilpaypal.com/checkoutnow',
      'https://www.paypal.com@evil.example/',
      'https://user@www.paypal.com/',
      'javascript:alert(1)//paypal.com',
      '/checkoutnow',
      '',
      null,
      undefined,
    ]) {
      expect(isPayPalApprovalUrl(bad), String(bad)).toBe(false);
    }
  });
});

describe('an order waiting for PayPal', () => {
  it('is remembered for its cart in this tab only, and forgotten by its own order id', () => {
    const pending = { orderId: 'o1', cartId: 'c1', approvalUrl: 'https://www.paypal.com/checkoutnow?token=T1' };
    rememberPayPalPending(pending);
    expect(payPalPending('c1')).toEqual(pending);
    expect(payPalPending('c2')).toBeNull();
    forgetPayPalPending('o2');
    expect(payPalPending('c1')).toEqual(pending);
    forgetPayPalPending('o1');
    expect(payPalPending('c1')).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('ignores what it cannot read', () => {
    sessionStorage.setItem('storegraph.paypalPending', '{"cartId":"c1","orderId":7}');
    expect(payPalPending('c1')).toBeNull();
    sessionStorage.setItem('storegraph.paypalPending', 'not json');
    expect(payPalPending('c1')).toBeNull();
    forgetPayPalPending('o1');
    expect(sessionStorage.getItem('storegraph.paypalPending')).toBeNull();
  });
});

describe('guest order tokens', () => {
  it('are kept in sessionStorage only, per order', () => {
    rememberOrderToken('o1', 'token-1');
    rememberOrderToken('o2', 'token-2');
    expect(orderToken('o1')).toBe('token-1');
    expect(orderToken('o2')).toBe('token-2');
    expect(orderToken('o3')).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('survive unreadable storage', () => {
    sessionStorage.setItem('storegraph.orderTokens', '{not json');
    expect(orderToken('o1')).toBeNull();
    rememberOrderToken('o1', 't');
    expect(orderToken('o1')).toBe('t');
  });
});
