import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkout, CheckoutPage } from '../src/pages/checkout';

const cart = {
  id: 'cart-1',
  totalQuantity: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  subtotal: { amount: '20.00', currencyCode: 'USD' },
  lines: [
    {
      id: 'line-1',
      quantity: 1,
      unitPrice: { amount: '20.00', currencyCode: 'USD' },
      lineTotal: { amount: '20.00', currencyCode: 'USD' },
      variant: {
        id: 'v1',
        title: 'Blue',
        sku: 'SKU-1',
        quantityAvailable: 4,
        selectedOptions: [],
        product: { id: 'p1', slug: 'mug', title: 'Mug', images: [] },
      },
    },
  ],
};

vi.mock('../src/cart', () => ({ useCart: () => ({ cart, loading: false, error: null, reload: async () => {} }) }));
vi.mock('../src/session', () => ({ useSession: () => ({ status: 'guest', user: null }) }));

afterEach(cleanup);

describe('CheckoutPage', () => {
  it('sends the guest’s email, address and test card, and shows server userErrors on their fields', async () => {
    const sent: unknown[] = [];
    const mocks = [
      {
        request: {
          query: Checkout,
          variables: (vars: Record<string, unknown>) => {
            sent.push(vars);
            return true;
          },
        },
        result: {
          data: {
            checkout: {
              __typename: 'CheckoutPayload' as const,
              order: null,
              orderToken: null,
              userErrors: [
                {
                  __typename: 'UserError' as const,
                  code: 'INVALID_INPUT',
                  message: 'We do not ship to this postal code.',
                  field: ['input', 'shippingAddress', 'postalCode'],
                },
              ],
            },
          },
        },
      },
    ];
    render(
      <MockedProvider mocks={mocks}>
        <CheckoutPage />
      </MockedProvider>,
    );
    expect(screen.getByText('Calculated when the order is placed')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'guest@example.com' } });
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Analytical Way' } });
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Springfield' } });
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '90210' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Test card: card declined' }));
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));

    await screen.findByText('We do not ship to this postal code.');
    expect(screen.getByLabelText('Postal code').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/check the highlighted fields/);
    expect(sent[0]).toMatchObject({
      input: {
        cartId: 'cart-1',
        email: 'guest@example.com',
        paymentProvider: 'TEST',
        testPaymentToken: 'tok_chargeDeclined',
        shippingAddress: { name: 'Ada Lovelace', postalCode: '90210', country: 'US', line2: null },
      },
    });
    expect((sent[0] as { input: { idempotencyKey: string } }).input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks a guest for a valid email before sending anything', async () => {
    render(
      <MockedProvider mocks={[]}>
        <CheckoutPage />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Analytical Way' } });
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Springfield' } });
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '90210' } });
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByText(/Enter your email address/);
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
  });
});
