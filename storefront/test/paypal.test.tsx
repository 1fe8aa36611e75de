import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PayPalPending } from '../src/components/paypal-pending';
import { OrderCancel, PaymentConfirm } from '../src/order-commands';
import { rememberOrderToken } from '../src/order-tokens';
import { PayPalReturnPage } from '../src/pages/paypal-return';

const cart = vi.hoisted(() => ({ reload: vi.fn(async () => {}) }));
vi.mock('../src/cart', () => ({ useCart: () => ({ cart: null, loading: false, error: null, reload: cart.reload }) }));
vi.mock('../src/session', () => ({ useSession: () => ({ status: 'guest', user: null }) }));

const ORDER = '3f0c8f57-6d7e-4f4b-9a53-7b6f0f1d2c3e';
const calls: Array<Record<string, unknown>> = [];

type Errors = Array<{ code: string; message: string; field?: string[] }>;
const userErrors = (errors: Errors) =>
  errors.map((e) => ({ __typename: 'UserError' as const, field: e.field ?? ['id'], ...e }));

function confirmMock(status: string | null, errors: Errors = []) {
  return {
    request: {
      query: PaymentConfirm,
      variables: (vars: Record<string, unknown>) => {
        calls.push({ op: 'confirm', ...vars });
        return true;
      },
    },
    maxUsageCount: 5,
    result: {
      data: {
        paymentConfirm: {
          __typename: 'OrderPayload' as const,
          order: status
            ? {
                __typename: 'Order' as const,
                id: ORDER,
                status,
                payment: {
                  __typename: 'Payment' as const,
                  id: 'pay-1',
                  provider: 'PAYPAL',
                  status: status === 'PAID' ? 'SUCCEEDED' : 'REQUIRES_ACTION',
                },
              }
            : null,
          userErrors: userErrors(errors),
        },
      },
    },
  };
}

function cancelMock(status: string | null, errors: Errors = []) {
  return {
    request: {
      query: OrderCancel,
      variables: (vars: Record<string, unknown>) => {
        calls.push({ op: 'cancel', ...vars });
        return true;
      },
    },
    maxUsageCount: 5,
    result: {
      data: {
        orderCancel: {
          __typename: 'OrderPayload' as const,
          order: status ? { __typename: 'Order' as const, id: ORDER, number: 'SG-000321', status } : null,
          userErrors: userErrors(errors),
        },
      },
    },
  };
}

const at = (path: string) => window.history.replaceState(null, '', path);
const location = () => window.location.pathname + window.location.search;

function renderPage(mode: 'return' | 'cancel', mocks: unknown[]) {
  return render(
    <StrictMode>
      <MockedProvider mocks={mocks as never}>
        <PayPalReturnPage mode={mode} />
      </MockedProvider>
    </StrictMode>,
  );
}

beforeEach(() => {
  calls.length = 0;
  cart.reload.mockClear();
  rememberOrderToken(ORDER, 'guest-token-1');
});

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  at('/');
});

describe('PayPal return page', () => {
  it('captures once with the guest’s order token and shows the order, without PayPal’s parameters', async () => {
    at(`/checkout/paypal/return?order=${ORDER}&token=5O190127TN364715T&PayerID=PAYER1`);
    renderPage('return', [confirmMock('PAID')]);
    expect(screen.getByRole('status').textContent).toContain('Confirming your payment with PayPal');
    await waitFor(() => expect(location()).toBe(`/order/${ORDER}`));
    expect(calls).toEqual([{ op: 'confirm', orderId: ORDER, orderToken: 'guest-token-1' }]);
  });

  it('shows the order when it was paid already (PayPal’s webhook captured first)', async () => {
    at(`/checkout/paypal/return?order=${ORDER}&token=T&PayerID=P`);
    renderPage('return', [
      confirmMock(null, [{ code: 'INVALID_ORDER_STATE', message: 'An order PAID cannot become PAID.' }]),
    ]);
    await waitFor(() => expect(location()).toBe(`/order/${ORDER}`));
  });

  it('says so when the order is not this shopper’s, and refuses a link without a valid order id', async () => {
    at(`/checkout/paypal/return?order=${ORDER}&token=T`);
    renderPage('return', [confirmMock(null, [{ code: 'ORDER_NOT_FOUND', message: 'No such order.' }])]);
    expect(await screen.findByRole('heading', { name: 'Order not found' })).toBeTruthy();
    cleanup();
    at('/checkout/paypal/return?order=1%20OR%201=1&token=T');
    renderPage('return', []);
    expect(screen.getByRole('heading', { name: 'This PayPal link is incomplete' })).toBeTruthy();
    expect(calls.filter((c) => c.orderId !== ORDER)).toEqual([]);
  });

  it('offers to try again when the capture could not be sent', async () => {
    at(`/checkout/paypal/return?order=${ORDER}&token=T`);
    renderPage('return', [
      {
        request: { query: PaymentConfirm, variables: { orderId: ORDER, orderToken: 'guest-token-1' } },
        error: new Error('Failed to fetch'),
      },
      confirmMock('PAID'),
    ]);
    expect((await screen.findByRole('alert')).textContent).toContain('Failed to fetch');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(location()).toBe(`/order/${ORDER}`));
  });

  it('cancels the unpaid order when the buyer gave up at PayPal, and gives the cart back', async () => {
    at(`/checkout/paypal/cancel?order=${ORDER}&token=5O190127TN364715T`);
    renderPage('cancel', [cancelMock('CANCELLED')]);
    expect((await screen.findByText(/Order SG-000321 was cancelled/)).textContent).toContain('not been charged');
    expect(calls).toEqual([{ op: 'cancel', id: ORDER, orderToken: 'guest-token-1' }]);
    expect(cart.reload).toHaveBeenCalled();
    expect(location()).toBe(`/checkout/paypal/cancel?order=${ORDER}`);
    expect(screen.getByRole('link', { name: 'Back to checkout' }).getAttribute('href')).toBe('/checkout');
  });

  it('shows the order instead when it was paid before the cancel arrived', async () => {
    at(`/checkout/paypal/cancel?order=${ORDER}&token=T`);
    renderPage('cancel', [
      cancelMock(null, [{ code: 'INVALID_ORDER_STATE', message: 'An order PAID cannot become CANCELLED.' }]),
    ]);
    await waitFor(() => expect(location()).toBe(`/order/${ORDER}`));
    expect(cart.reload).not.toHaveBeenCalled();
  });
});

describe('PayPalPending', () => {
  function renderPending(mocks: unknown[], approvalUrl: string | null) {
    const changed = vi.fn();
    render(
      <MockedProvider mocks={mocks as never}>
        <PayPalPending orderId={ORDER} orderToken="guest-token-1" approvalUrl={approvalUrl} onChanged={changed} />
      </MockedProvider>,
    );
    return changed;
  }

  it('links back to PayPal and says when PayPal has no approval yet', async () => {
    const changed = renderPending([confirmMock('PENDING_PAYMENT')], 'https://www.paypal.com/checkoutnow?token=T1');
    expect(screen.getByRole('link', { name: 'Continue to PayPal' }).getAttribute('href')).toBe(
      'https://www.paypal.com/checkoutnow?token=T1',
    );
    fireEvent.click(screen.getByRole('button', { name: 'I approved it: check again' }));
    expect((await screen.findByRole('alert')).textContent).toBe('PayPal has not received your approval yet.');
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('never links anywhere but PayPal, and cancels the order on request', async () => {
    const changed = renderPending([cancelMock('CANCELLED')], 'https://paypal.com.example/checkoutnow');
    expect(screen.queryByRole('link', { name: 'Continue to PayPal' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(calls).toEqual([{ op: 'cancel', id: ORDER, orderToken: 'guest-token-1' }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
