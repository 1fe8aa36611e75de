import { useMutation, useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { graphql } from './gql';
import type { GuestCartQuery } from './gql/graphql';
import { useSession } from './session';

// A guest's cart is addressed by its id (kept in localStorage: the id is the
// credential); a signed-in customer's cart is `me.cart`. On sign-in the guest cart
// is merged into the customer's and forgotten.

const GUEST_CART_KEY = 'storegraph.guestCartId';

const GuestCart = graphql(`
  query GuestCart($id: ID!) {
    cart(id: $id) {
      id totalQuantity updatedAt
      subtotal { amount currencyCode }
      lines {
        id quantity
        unitPrice { amount currencyCode }
        lineTotal { amount currencyCode }
        variant {
          id title sku quantityAvailable
          selectedOptions { name value }
          product { id slug title images { url altText } }
        }
      }
    }
  }
`);

const MyCart = graphql(`
  query MyCart {
    me {
      id
      cart {
        id totalQuantity updatedAt
        subtotal { amount currencyCode }
        lines {
          id quantity
          unitPrice { amount currencyCode }
          lineTotal { amount currencyCode }
          variant {
            id title sku quantityAvailable
            selectedOptions { name value }
            product { id slug title images { url altText } }
          }
        }
      }
    }
  }
`);

const CartCreate = graphql(`
  mutation CartCreate($lines: [CartLineInput!]) {
    cartCreate(lines: $lines) {
      cart { id }
      userErrors { code message field }
    }
  }
`);

const CartLinesAdd = graphql(`
  mutation CartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {
    cartLinesAdd(cartId: $cartId, lines: $lines) {
      cart { id totalQuantity }
      userErrors { code message field }
    }
  }
`);

const CartLinesUpdate = graphql(`
  mutation CartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {
    cartLinesUpdate(cartId: $cartId, lines: $lines) {
      cart { id totalQuantity }
      userErrors { code message field }
    }
  }
`);

const CartLinesRemove = graphql(`
  mutation CartLinesRemove($cartId: ID!, $lineIds: [ID!]!) {
    cartLinesRemove(cartId: $cartId, lineIds: $lineIds) {
      cart { id totalQuantity }
      userErrors { code message field }
    }
  }
`);

const CartMerge = graphql(`
  mutation CartMerge($guestCartId: ID!) {
    cartMerge(guestCartId: $guestCartId) {
      cart { id totalQuantity }
      userErrors { code message field }
    }
  }
`);

export type CartData = NonNullable<GuestCartQuery['cart']>;
export type CartLine = CartData['lines'][number];
type UserError = { code: string; message: string };

type CartApi = {
  cart: CartData | null;
  loading: boolean;
  error: Error | null;
  /** Adds a variant; resolves to the userErrors (empty when added). */
  add: (variantId: string, quantity: number) => Promise<UserError[]>;
  setQuantity: (lineId: string, quantity: number) => Promise<UserError[]>;
  remove: (lineId: string) => Promise<UserError[]>;
  /** After a paid order: the cart the server cleared is read again. */
  reload: () => Promise<void>;
};

const CartContext = createContext<CartApi | null>(null);

export function CartProvider({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const [guestId, setGuestId] = useState(() => localStorage.getItem(GUEST_CART_KEY));
  const signedIn = status === 'signedIn';
  const guest = useQuery(GuestCart, {
    variables: { id: guestId ?? '' },
    skip: signedIn || status === 'loading' || !guestId,
    fetchPolicy: 'cache-and-network',
  });
  // Read once the guest cart is merged: a read sent beside the merge could answer the cart before it.
  const merged = signedIn && guestId === null;
  const mine = useQuery(MyCart, { skip: !merged, fetchPolicy: 'cache-and-network' });
  const [create] = useMutation(CartCreate);
  const [addLines] = useMutation(CartLinesAdd);
  const [updateLines] = useMutation(CartLinesUpdate);
  const [removeLines] = useMutation(CartLinesRemove);
  const [merge] = useMutation(CartMerge);
  const merging = useRef(false);

  const rememberGuest = useCallback((id: string | null) => {
    if (id) localStorage.setItem(GUEST_CART_KEY, id);
    else localStorage.removeItem(GUEST_CART_KEY);
    setGuestId(id);
  }, []);

  // A guest cart from before sign-in joins the customer's cart once.
  useEffect(() => {
    if (!signedIn || !guestId || merging.current) return;
    merging.current = true;
    merge({ variables: { guestCartId: guestId } })
      .catch(() => undefined)
      .finally(() => {
        // Forgetting the guest cart lets the customer's cart be read (see `mine`).
        rememberGuest(null);
        merging.current = false;
      });
  }, [signedIn, guestId, merge, rememberGuest]);

  const cart = (signedIn ? mine.data?.me?.cart : guest.data?.cart) ?? null;
  const refetch = useCallback(async () => {
    if (merged) await mine.refetch();
    else if (!signedIn && guestId) await guest.refetch();
  }, [merged, signedIn, guestId, mine, guest]);

  const add = useCallback(
    async (variantId: string, quantity: number) => {
      const lines = [{ variantId, quantity }];
      const cartId = cart?.id ?? (signedIn ? null : guestId);
      if (!cartId) {
        const { data } = await create({ variables: { lines } });
        const errors = data?.cartCreate.userErrors ?? [];
        if (!signedIn && data?.cartCreate.cart) rememberGuest(data.cartCreate.cart.id);
        await (merged ? mine.refetch() : Promise.resolve());
        return errors;
      }
      const { data } = await addLines({ variables: { cartId, lines } });
      await refetch();
      return data?.cartLinesAdd.userErrors ?? [];
    },
    [cart, signedIn, merged, guestId, create, addLines, refetch, rememberGuest, mine],
  );

  const setQuantity = useCallback(
    async (lineId: string, quantity: number) => {
      if (!cart) return [];
      const { data } = await updateLines({ variables: { cartId: cart.id, lines: [{ lineId, quantity }] } });
      await refetch();
      return data?.cartLinesUpdate.userErrors ?? [];
    },
    [cart, updateLines, refetch],
  );

  const remove = useCallback(
    async (lineId: string) => {
      if (!cart) return [];
      const { data } = await removeLines({ variables: { cartId: cart.id, lineIds: [lineId] } });
      await refetch();
      return data?.cartLinesRemove.userErrors ?? [];
    },
    [cart, removeLines, refetch],
  );

  const value = useMemo<CartApi>(
    () => ({
      cart,
      // While the guest cart is being merged the customer's cart is not read yet: still loading.
      loading: signedIn ? mine.loading || !merged : guest.loading,
      error: (signedIn ? mine.error : guest.error) ?? null,
      add,
      setQuantity,
      remove,
      reload: refetch,
    }),
    [cart, signedIn, merged, mine.loading, guest.loading, mine.error, guest.error, add, setQuantity, remove, refetch],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartApi {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useCart outside CartProvider');
  return cart;
}
