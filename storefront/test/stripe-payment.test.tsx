import { MockedProvider } from '@apollo/client/testing/react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StripePayment, StripePaymentQuery } from '../src/components/stripe-payment';
import { StripeReturnNotice } from '../src/components/stripe-return';
import { offeredProviders } from '../src/payment-providers';
import { confirmFailure, stripePublishableKey, stripeReturn } from '../src/stripe';

// Stripe.js as the component sees it: what `loadStripeJs` resolves to. The browser test
// (e2e/test/storefront-stripe.test.ts) runs the real loader against a fake Stripe.js.
const stripe = vi.hoisted(() => ({
  load: vi.fn(),
  confirmPayment: vi.fn(),
  elementsOptions: [] as unknown[],
  mounted: [] as unknown[],
}));
vi.mock('../src/stripe', async (original) => ({
  ...(await original<typeof import('../src/stripe')>()),
  loadStripeJs: stripe.load,
}));

function fakeStripe() {
  return {
    elements(options: unknown) {
      stripe.elementsOptions.push(options);
      const handlers: Record<string, () => void> = {};
      return {
        create: () => ({
          on(event: string, handler: () => void) {
            handlers[event] = handler;
          },
          mount(target: HTMLElement) {
            stripe.mounted.push(target);
            setTimeout(() => handlers.ready?.(), 0);
          },
          destroy() {},
        }),
      };
    },
    confirmPayment: stripe.confirmPayment,
  };
}

const order = (provider = 'STRIPE', clientSecret: string | null = 'pi_1_secret_abc') => ({
  request: { query: StripePaymentQuery, variables: { id: 'order-1', orderToken: 'token-1' } },
  result: {
    data: {
      order: {
        __typename: 'Order' as const,
        id: 'order-1',
        number: 'SG-000042',
        status: 'PENDING_PAYMENT',
        total: { __typename: 'Money' as const, amount: '39.24', currencyCode: 'USD' },
        payment: { __typename: 'Payment' as const, id: 'pay-1', provider, status: 'REQUIRES_ACTION', clientSecret },
      },
    },
  },
});

function renderPayment(mock = order()) {
  const props = { onPaid: vi.fn(), onDeclined: vi.fn(), onCancelled: vi.fn() };
  render(
    <MockedProvider mocks={[mock]}>
      <StripePayment publishableKey="pk_test_abc" orderId="order-1" orderToken="token-1" {...props} />
    </MockedProvider>,
  );
  return props;
}

const payButton = () => screen.findByRole('button', { name: 'Pay $39.24' });

beforeEach(() => {
  stripe.load.mockReset();
  stripe.confirmPayment.mockReset();
  stripe.elementsOptions.length = 0;
  stripe.mounted.length = 0;
  stripe.load.mockResolvedValue(fakeStripe());
});
afterEach(() => {
  cleanup();
  document.head.querySelector('meta[name="storegraph-stripe-publishable-key"]')?.remove();
  document.head.querySelector('meta[name="storegraph-payment-providers"]')?.remove();
});

describe('StripePayment', () => {
  it('mounts the Payment Element with the order’s client secret and confirms with a return URL', async () => {
    const props = renderPayment();
    await screen.findByRole('heading', { name: 'Pay for order SG-000042' });
    await vi.waitFor(async () => expect((await payButton()).hasAttribute('disabled')).toBe(false));
    expect(stripe.load).toHaveBeenCalledWith('pk_test_abc');
    expect(stripe.elementsOptions).toEqual([{ clientSecret: 'pi_1_secret_abc' }]);
    expect(stripe.mounted).toHaveLength(1);
    stripe.confirmPayment.mockResolvedValue({ paymentIntent: { id: 'pi_1', status: 'succeeded' } });
    fireEvent.click(await payButton());
    await vi.waitFor(() => expect(props.onPaid).toHaveBeenCalledTimes(1));
    expect(stripe.confirmPayment).toHaveBeenCalledWith({
      elements: expect.anything(),
      redirect: 'if_required',
      confirmParams: { return_url: `${window.location.origin}/order/order-1` },
    });
    expect(props.onDeclined).not.toHaveBeenCalled();
  });

  it('keeps the form on a validation error, and hands a decline with Stripe’s message to the checkout', async () => {
    const props = renderPayment();
    await vi.waitFor(async () => expect((await payButton()).hasAttribute('disabled')).toBe(false));
    stripe.confirmPayment.mockResolvedValueOnce({
      error: { type: 'validation_error', message: 'Your card number is incomplete.' },
    });
    fireEvent.click(await payButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Your card number is incomplete.');
    expect(props.onDeclined).not.toHaveBeenCalled();

    stripe.confirmPayment.mockResolvedValueOnce({
      error: { type: 'card_error', code: 'card_declined', message: 'Your card has insufficient funds.' },
    });
    fireEvent.click(await payButton());
    await vi.waitFor(() => expect(props.onDeclined).toHaveBeenCalledWith('Your card has insufficient funds.'));
    expect(props.onPaid).not.toHaveBeenCalled();
  });

  it('says so when Stripe.js cannot be loaded, and loads it again on request', async () => {
    stripe.load.mockRejectedValueOnce(new Error('Failed to load Stripe.js'));
    renderPayment();
    expect((await screen.findByRole('alert')).textContent).toMatch(/Card payments could not be loaded/);
    expect(screen.queryByRole('button', { name: /^Pay / })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try loading the card form again' }));
    await vi.waitFor(async () => expect((await payButton()).hasAttribute('disabled')).toBe(false));
    expect(stripe.load).toHaveBeenCalledTimes(2);
  });

  it('refuses an order that is not a Stripe payment', async () => {
    renderPayment(order('TEST', null));
    expect((await screen.findByRole('alert')).textContent).toBe('This order cannot be paid by card right now.');
    expect(stripe.load).not.toHaveBeenCalled();
  });
});

describe('Stripe configuration and outcomes', () => {
  it('offers Card (Stripe) only with a publishable key in the page', () => {
    const providers = document.createElement('meta');
    providers.name = 'storegraph-payment-providers';
    providers.content = 'TEST';
    document.head.append(providers);
    expect(stripePublishableKey()).toBeNull();
    expect(offeredProviders()).toEqual(['TEST']);
    const key = document.createElement('meta');
    key.name = 'storegraph-stripe-publishable-key';
    key.content = 'sk_test_secret';
    document.head.append(key);
    expect(stripePublishableKey()).toBeNull();
    key.content = 'pk_test_abc123';
    expect(stripePublishableKey()).toBe('pk_test_abc123');
    expect(offeredProviders()).toEqual(['TEST', 'STRIPE']);
    providers.content = '';
    expect(offeredProviders()).toEqual(['STRIPE']);
  });

  it('tells a decline from a form error and from a failure worth retrying', () => {
    expect(confirmFailure({ type: 'card_error', message: 'Your card was declined.' })).toEqual({
      kind: 'declined',
      message: 'Your card was declined.',
    });
    expect(confirmFailure({ type: 'validation_error', message: 'Your card number is incomplete.' }).kind).toBe(
      'invalid',
    );
    const retry = confirmFailure({ type: 'api_connection_error', message: '' });
    expect(retry.kind).toBe('retry');
    expect(retry.message).toMatch(/not been charged/);
  });

  it('reads Stripe’s return from a redirect', () => {
    expect(stripeReturn(new URLSearchParams(''))).toBeNull();
    expect(stripeReturn(new URLSearchParams('payment_intent_client_secret=s&redirect_status=succeeded'))).toBe(
      'succeeded',
    );
    expect(stripeReturn(new URLSearchParams('payment_intent_client_secret=s&redirect_status=failed'))).toBe('failed');
    expect(stripeReturn(new URLSearchParams('payment_intent_client_secret=s'))).toBe('pending');
  });

  it('shows the bank’s answer after a redirect and takes the client secret out of the address', async () => {
    window.history.replaceState(
      null,
      '',
      '/order/o1?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=failed',
    );
    await act(async () => {
      render(<StripeReturnNotice />);
    });
    expect(screen.getByRole('alert').textContent).toMatch(/Your bank did not confirm the payment/);
    expect(window.location.pathname + window.location.search).toBe('/order/o1');
  });
});
