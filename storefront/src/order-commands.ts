import { graphql } from './gql';

// The two commands a shopper gives an unpaid order, wherever the page is: the order
// page, the Stripe payment step and the PayPal return pages send the same operations.

/** PayPal: capture after the buyer approved; TEST: complete a payment that required action. */
export const PaymentConfirm = graphql(`
  mutation PaymentConfirm($orderId: ID!, $orderToken: String) {
    paymentConfirm(orderId: $orderId, orderToken: $orderToken) {
      order { id status payment { id provider status } }
      userErrors { code message field }
    }
  }
`);

/** Cancels an unpaid order: its items are released and the cart can be checked out again. */
export const OrderCancel = graphql(`
  mutation OrderCancel($id: ID!, $orderToken: String) {
    orderCancel(id: $id, orderToken: $orderToken) {
      order { id number status }
      userErrors { code message field }
    }
  }
`);
