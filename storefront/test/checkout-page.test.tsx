import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CheckoutQuoteQuery } from '../src/components/checkout-quote';
import { Checkout, CheckoutAddresses, CheckoutPage } from '../src/pages/checkout';

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
let session: { status: string; user: { id: string; email: string; name: string } | null } = {
  status: 'guest',
  user: null,
};
vi.mock('../src/session', () => ({ useSession: () => session }));

const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'USD' });
/** checkoutQuote answering these amounts, recording the variables it was asked with. */
function quoteMock(sent: unknown[], amounts = { subtotal: '20.00', shipping: '5.99', tax: '1.45', total: '27.44' }) {
  return {
    request: {
      query: CheckoutQuoteQuery,
      variables: (vars: Record<string, unknown>) => {
        sent.push(vars);
        return true;
      },
    },
    maxUsageCount: 10,
    result: {
      data: {
        checkoutQuote: {
          __typename: 'CheckoutQuotePayload' as const,
          quote: {
            __typename: 'CheckoutQuote' as const,
            subtotal: money(amounts.subtotal),
            shipping: money(amounts.shipping),
            tax: money(amounts.tax),
            total: money(amounts.total),
          },
          userErrors: [],
        },
      },
    },
  };
}

afterEach(() => {
  cleanup();
  session = { status: 'guest', user: null };
});

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
    const quoted: unknown[] = [];
    render(
      <MockedProvider mocks={[quoteMock(quoted), ...mocks]}>
        <CheckoutPage quoteSettleMs={0} />
      </MockedProvider>,
    );
    expect(screen.getByText('Enter your shipping address to see them')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'guest@example.com' } });
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Analytical Way' } });
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Springfield' } });
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '90210' } });
    // The address is valid: its quote is shown before paying.
    expect((await screen.findByTestId('quote-total')).textContent).toBe('$27.44');
    expect(screen.getByTestId('quote-shipping').textContent).toBe('$5.99');
    expect(screen.getByTestId('quote-tax').textContent).toBe('$1.45');
    expect(quoted.at(-1)).toMatchObject({
      input: { cartId: 'cart-1', shippingAddress: { name: 'Ada Lovelace', postalCode: '90210', country: 'US' } },
    });
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

  /**
   * The total's definition list holds only dt and dd, none with a role of its own (axe's
   * definition-list rule): live messages sit inside their dd.
   */
  const expectPlainTotals = () => {
    const list = screen.getByLabelText('Order total');
    expect(list.tagName).toBe('DL');
    for (const child of Array.from(list.children)) {
      expect(['DT', 'DD']).toContain(child.tagName);
      expect(child.getAttribute('role')).toBeNull();
    }
  };

  it('keeps the total a plain definition list while the quote is calculated', async () => {
    render(
      <MockedProvider mocks={[]}>
        <CheckoutPage quoteSettleMs={60_000} />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Analytical Way' } });
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Springfield' } });
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '90210' } });
    expect((await screen.findByText('Calculating…')).getAttribute('role')).toBe('status');
    expectPlainTotals();
  });

  it('shows why a quote failed: the message of a refusal, and a retry after a network error', async () => {
    const refused = {
      request: { query: CheckoutQuoteQuery, variables: () => true },
      result: {
        data: {
          checkoutQuote: {
            __typename: 'CheckoutQuotePayload' as const,
            quote: null,
            userErrors: [
              {
                __typename: 'UserError' as const,
                code: 'OUT_OF_STOCK',
                message: 'Only 1 of variant v1 in stock; 2 requested.',
                field: ['input', 'cartId', 'v1'],
              },
            ],
          },
        },
      },
    };
    const failing = { request: { query: CheckoutQuoteQuery, variables: () => true }, error: new Error('offline') };
    const fill = () => {
      fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ada Lovelace' } });
      fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Analytical Way' } });
      fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Springfield' } });
      fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '90210' } });
    };
    const first = render(
      <MockedProvider mocks={[refused]}>
        <CheckoutPage quoteSettleMs={0} />
      </MockedProvider>,
    );
    fill();
    expect((await screen.findByText('Only 1 of variant v1 in stock; 2 requested.')).getAttribute('role')).toBe('alert');
    expectPlainTotals();
    first.unmount();
    render(
      <MockedProvider mocks={[failing, quoteMock([])]}>
        <CheckoutPage quoteSettleMs={0} />
      </MockedProvider>,
    );
    fill();
    expect((await screen.findByText(/Could not be calculated/)).getAttribute('role')).toBe('alert');
    expectPlainTotals();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('quote-total')).textContent).toBe('$27.44');
  });

  it('offers a signed-in customer their saved addresses, starting on the default, and quotes and sends the chosen one', async () => {
    session = { status: 'signedIn', user: { id: 'u1', email: 'ada@example.com', name: 'Ada' } };
    const address = (id: string, city: string, isDefault: boolean) => ({
      __typename: 'Address' as const,
      id,
      name: 'Ada Lovelace',
      line1: `1 ${city} Road`,
      line2: null,
      city,
      region: null,
      postalCode: 'N1 9GU',
      country: 'GB',
      phone: null,
      isDefault,
    });
    const saved = {
      request: { query: CheckoutAddresses },
      result: {
        data: {
          me: {
            __typename: 'User' as const,
            id: 'u1',
            addresses: [address('a1', 'Leeds', false), address('a2', 'London', true)],
          },
        },
      },
    };
    const quoted: unknown[] = [];
    const sent: unknown[] = [];
    const placed = {
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
                code: 'CART_EMPTY',
                message: 'The cart is empty.',
                field: ['input', 'cartId'],
              },
            ],
          },
        },
      },
    };
    render(
      <MockedProvider mocks={[saved, quoteMock(quoted), placed]}>
        <CheckoutPage quoteSettleMs={0} />
      </MockedProvider>,
    );
    const london = await screen.findByRole('radio', { name: /1 London Road/ });
    expect((london as HTMLInputElement).checked).toBe(true);
    // A saved address needs no form: its fields are not shown.
    expect(screen.queryByLabelText('Postal code')).toBeNull();
    await screen.findByTestId('quote-total');
    expect(quoted.at(-1)).toMatchObject({ input: { shippingAddress: { city: 'London', country: 'GB' } } });

    fireEvent.click(screen.getByRole('radio', { name: /1 Leeds Road/ }));
    await waitFor(() => expect(quoted.at(-1)).toMatchObject({ input: { shippingAddress: { city: 'Leeds' } } }));
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByText('The cart is empty.');
    expect(sent[0]).toMatchObject({
      input: { email: null, shippingAddress: { city: 'Leeds', line1: '1 Leeds Road' } },
    });

    fireEvent.click(screen.getByRole('radio', { name: 'A new address' }));
    expect((screen.getByLabelText('Postal code') as HTMLInputElement).value).toBe('');
    expect(screen.getByText('Enter your shipping address to see them')).toBeTruthy();
  });
});
