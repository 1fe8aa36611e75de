/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query GuestCart($id: ID!) {\n    cart(id: $id) {\n      id totalQuantity updatedAt\n      subtotal { amount currencyCode }\n      lines {\n        id quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant {\n          id title sku quantityAvailable\n          selectedOptions { name value }\n          product { id slug title images { url altText } }\n        }\n      }\n    }\n  }\n": typeof types.GuestCartDocument,
    "\n  query MyCart {\n    me {\n      id\n      cart {\n        id totalQuantity updatedAt\n        subtotal { amount currencyCode }\n        lines {\n          id quantity\n          unitPrice { amount currencyCode }\n          lineTotal { amount currencyCode }\n          variant {\n            id title sku quantityAvailable\n            selectedOptions { name value }\n            product { id slug title images { url altText } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyCartDocument,
    "\n  mutation CartCreate($lines: [CartLineInput!]) {\n    cartCreate(lines: $lines) {\n      cart { id }\n      userErrors { code message field }\n    }\n  }\n": typeof types.CartCreateDocument,
    "\n  mutation CartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {\n    cartLinesAdd(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": typeof types.CartLinesAddDocument,
    "\n  mutation CartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {\n    cartLinesUpdate(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": typeof types.CartLinesUpdateDocument,
    "\n  mutation CartLinesRemove($cartId: ID!, $lineIds: [ID!]!) {\n    cartLinesRemove(cartId: $cartId, lineIds: $lineIds) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": typeof types.CartLinesRemoveDocument,
    "\n  mutation CartMerge($guestCartId: ID!) {\n    cartMerge(guestCartId: $guestCartId) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": typeof types.CartMergeDocument,
    "\n  query CheckoutQuote($input: CheckoutQuoteInput!) {\n    checkoutQuote(input: $input) {\n      quote {\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n      }\n      userErrors { code message field }\n    }\n  }\n": typeof types.CheckoutQuoteDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user { id name email }\n      userErrors { code message field }\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      user { id }\n      userErrors { code message field }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query SearchSuggestions($prefix: String!) {\n    searchSuggestions(prefix: $prefix, limit: 6) {\n      text\n      product { id slug title }\n    }\n  }\n": typeof types.SearchSuggestionsDocument,
    "\n  query StripePayment($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status\n      total { amount currencyCode }\n      payment { id provider status clientSecret }\n    }\n  }\n": typeof types.StripePaymentDocument,
    "\n  mutation PaymentConfirm($orderId: ID!, $orderToken: String) {\n    paymentConfirm(orderId: $orderId, orderToken: $orderToken) {\n      order { id status payment { id provider status } }\n      userErrors { code message field }\n    }\n  }\n": typeof types.PaymentConfirmDocument,
    "\n  mutation OrderCancel($id: ID!, $orderToken: String) {\n    orderCancel(id: $id, orderToken: $orderToken) {\n      order { id number status }\n      userErrors { code message field }\n    }\n  }\n": typeof types.OrderCancelDocument,
    "\n  query Account {\n    me {\n      id email name createdAt\n      addresses { id name line1 line2 city region postalCode country isDefault }\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id number status createdAt\n          total { amount currencyCode }\n        }\n      }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  mutation AddressAdd($input: AddressInput!) {\n    addressAdd(input: $input) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n": typeof types.AddressAddDocument,
    "\n  mutation AddressDelete($id: ID!) {\n    addressDelete(id: $id) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n": typeof types.AddressDeleteDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      order {\n        id number status email\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n        payment { id provider status approvalUrl }\n      }\n      orderToken\n      userErrors { code message field }\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  query CheckoutAddresses {\n    me {\n      id\n      addresses { id name line1 line2 city region postalCode country phone isDefault }\n    }\n  }\n": typeof types.CheckoutAddressesDocument,
    "\n  query Home {\n    categories { id slug name parent { id } }\n    newArrivals: products(first: 8, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n    topRated: products(first: 8, sortKey: RATING, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query Listing($query: String, $filter: ProductFilter, $sort: SearchSort, $after: String) {\n    search(query: $query, filter: $filter, sort: $sort, first: 24, after: $after) {\n      correctedQuery\n      facets { name label values { value label count selected } }\n      products {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id slug title availableForSale rating\n          brand { name }\n          images { url altText }\n          priceRange { min { amount currencyCode } max { amount currencyCode } }\n        }\n      }\n    }\n  }\n": typeof types.ListingDocument,
    "\n  query CategoryName($slug: String!) {\n    category(slug: $slug) { id name }\n  }\n": typeof types.CategoryNameDocument,
    "\n  query OrderStatus($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) { id status }\n  }\n": typeof types.OrderStatusDocument,
    "\n  query Order($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status email createdAt\n      lines {\n        id title sku quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant { id product { id slug } }\n      }\n      subtotal { amount currencyCode }\n      shipping { amount currencyCode }\n      tax { amount currencyCode }\n      total { amount currencyCode }\n      shippingAddress { name line1 line2 city region postalCode country }\n      payment { id provider status approvalUrl }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  query ProductPage($slug: String!) {\n    product(slug: $slug) {\n      id slug title description availableForSale rating reviewCount\n      brand { name }\n      category { slug name }\n      images { url altText width height }\n      options { name values }\n      attributes { name value }\n      variants {\n        id sku title availableForSale quantityAvailable\n        price { amount currencyCode }\n        compareAtPrice { amount currencyCode }\n        selectedOptions { name value }\n      }\n    }\n  }\n": typeof types.ProductPageDocument,
};
const documents: Documents = {
    "\n  query GuestCart($id: ID!) {\n    cart(id: $id) {\n      id totalQuantity updatedAt\n      subtotal { amount currencyCode }\n      lines {\n        id quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant {\n          id title sku quantityAvailable\n          selectedOptions { name value }\n          product { id slug title images { url altText } }\n        }\n      }\n    }\n  }\n": types.GuestCartDocument,
    "\n  query MyCart {\n    me {\n      id\n      cart {\n        id totalQuantity updatedAt\n        subtotal { amount currencyCode }\n        lines {\n          id quantity\n          unitPrice { amount currencyCode }\n          lineTotal { amount currencyCode }\n          variant {\n            id title sku quantityAvailable\n            selectedOptions { name value }\n            product { id slug title images { url altText } }\n          }\n        }\n      }\n    }\n  }\n": types.MyCartDocument,
    "\n  mutation CartCreate($lines: [CartLineInput!]) {\n    cartCreate(lines: $lines) {\n      cart { id }\n      userErrors { code message field }\n    }\n  }\n": types.CartCreateDocument,
    "\n  mutation CartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {\n    cartLinesAdd(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": types.CartLinesAddDocument,
    "\n  mutation CartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {\n    cartLinesUpdate(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": types.CartLinesUpdateDocument,
    "\n  mutation CartLinesRemove($cartId: ID!, $lineIds: [ID!]!) {\n    cartLinesRemove(cartId: $cartId, lineIds: $lineIds) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": types.CartLinesRemoveDocument,
    "\n  mutation CartMerge($guestCartId: ID!) {\n    cartMerge(guestCartId: $guestCartId) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n": types.CartMergeDocument,
    "\n  query CheckoutQuote($input: CheckoutQuoteInput!) {\n    checkoutQuote(input: $input) {\n      quote {\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n      }\n      userErrors { code message field }\n    }\n  }\n": types.CheckoutQuoteDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user { id name email }\n      userErrors { code message field }\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      user { id }\n      userErrors { code message field }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query SearchSuggestions($prefix: String!) {\n    searchSuggestions(prefix: $prefix, limit: 6) {\n      text\n      product { id slug title }\n    }\n  }\n": types.SearchSuggestionsDocument,
    "\n  query StripePayment($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status\n      total { amount currencyCode }\n      payment { id provider status clientSecret }\n    }\n  }\n": types.StripePaymentDocument,
    "\n  mutation PaymentConfirm($orderId: ID!, $orderToken: String) {\n    paymentConfirm(orderId: $orderId, orderToken: $orderToken) {\n      order { id status payment { id provider status } }\n      userErrors { code message field }\n    }\n  }\n": types.PaymentConfirmDocument,
    "\n  mutation OrderCancel($id: ID!, $orderToken: String) {\n    orderCancel(id: $id, orderToken: $orderToken) {\n      order { id number status }\n      userErrors { code message field }\n    }\n  }\n": types.OrderCancelDocument,
    "\n  query Account {\n    me {\n      id email name createdAt\n      addresses { id name line1 line2 city region postalCode country isDefault }\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id number status createdAt\n          total { amount currencyCode }\n        }\n      }\n    }\n  }\n": types.AccountDocument,
    "\n  mutation AddressAdd($input: AddressInput!) {\n    addressAdd(input: $input) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n": types.AddressAddDocument,
    "\n  mutation AddressDelete($id: ID!) {\n    addressDelete(id: $id) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n": types.AddressDeleteDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      order {\n        id number status email\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n        payment { id provider status approvalUrl }\n      }\n      orderToken\n      userErrors { code message field }\n    }\n  }\n": types.CheckoutDocument,
    "\n  query CheckoutAddresses {\n    me {\n      id\n      addresses { id name line1 line2 city region postalCode country phone isDefault }\n    }\n  }\n": types.CheckoutAddressesDocument,
    "\n  query Home {\n    categories { id slug name parent { id } }\n    newArrivals: products(first: 8, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n    topRated: products(first: 8, sortKey: RATING, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query Listing($query: String, $filter: ProductFilter, $sort: SearchSort, $after: String) {\n    search(query: $query, filter: $filter, sort: $sort, first: 24, after: $after) {\n      correctedQuery\n      facets { name label values { value label count selected } }\n      products {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id slug title availableForSale rating\n          brand { name }\n          images { url altText }\n          priceRange { min { amount currencyCode } max { amount currencyCode } }\n        }\n      }\n    }\n  }\n": types.ListingDocument,
    "\n  query CategoryName($slug: String!) {\n    category(slug: $slug) { id name }\n  }\n": types.CategoryNameDocument,
    "\n  query OrderStatus($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) { id status }\n  }\n": types.OrderStatusDocument,
    "\n  query Order($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status email createdAt\n      lines {\n        id title sku quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant { id product { id slug } }\n      }\n      subtotal { amount currencyCode }\n      shipping { amount currencyCode }\n      tax { amount currencyCode }\n      total { amount currencyCode }\n      shippingAddress { name line1 line2 city region postalCode country }\n      payment { id provider status approvalUrl }\n    }\n  }\n": types.OrderDocument,
    "\n  query ProductPage($slug: String!) {\n    product(slug: $slug) {\n      id slug title description availableForSale rating reviewCount\n      brand { name }\n      category { slug name }\n      images { url altText width height }\n      options { name values }\n      attributes { name value }\n      variants {\n        id sku title availableForSale quantityAvailable\n        price { amount currencyCode }\n        compareAtPrice { amount currencyCode }\n        selectedOptions { name value }\n      }\n    }\n  }\n": types.ProductPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuestCart($id: ID!) {\n    cart(id: $id) {\n      id totalQuantity updatedAt\n      subtotal { amount currencyCode }\n      lines {\n        id quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant {\n          id title sku quantityAvailable\n          selectedOptions { name value }\n          product { id slug title images { url altText } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GuestCart($id: ID!) {\n    cart(id: $id) {\n      id totalQuantity updatedAt\n      subtotal { amount currencyCode }\n      lines {\n        id quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant {\n          id title sku quantityAvailable\n          selectedOptions { name value }\n          product { id slug title images { url altText } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCart {\n    me {\n      id\n      cart {\n        id totalQuantity updatedAt\n        subtotal { amount currencyCode }\n        lines {\n          id quantity\n          unitPrice { amount currencyCode }\n          lineTotal { amount currencyCode }\n          variant {\n            id title sku quantityAvailable\n            selectedOptions { name value }\n            product { id slug title images { url altText } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyCart {\n    me {\n      id\n      cart {\n        id totalQuantity updatedAt\n        subtotal { amount currencyCode }\n        lines {\n          id quantity\n          unitPrice { amount currencyCode }\n          lineTotal { amount currencyCode }\n          variant {\n            id title sku quantityAvailable\n            selectedOptions { name value }\n            product { id slug title images { url altText } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CartCreate($lines: [CartLineInput!]) {\n    cartCreate(lines: $lines) {\n      cart { id }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CartCreate($lines: [CartLineInput!]) {\n    cartCreate(lines: $lines) {\n      cart { id }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {\n    cartLinesAdd(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {\n    cartLinesAdd(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {\n    cartLinesUpdate(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {\n    cartLinesUpdate(cartId: $cartId, lines: $lines) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CartLinesRemove($cartId: ID!, $lineIds: [ID!]!) {\n    cartLinesRemove(cartId: $cartId, lineIds: $lineIds) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CartLinesRemove($cartId: ID!, $lineIds: [ID!]!) {\n    cartLinesRemove(cartId: $cartId, lineIds: $lineIds) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CartMerge($guestCartId: ID!) {\n    cartMerge(guestCartId: $guestCartId) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CartMerge($guestCartId: ID!) {\n    cartMerge(guestCartId: $guestCartId) {\n      cart { id totalQuantity }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutQuote($input: CheckoutQuoteInput!) {\n    checkoutQuote(input: $input) {\n      quote {\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n      }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  query CheckoutQuote($input: CheckoutQuoteInput!) {\n    checkoutQuote(input: $input) {\n      quote {\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n      }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user { id name email }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      user { id name email }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      user { id }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      user { id }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchSuggestions($prefix: String!) {\n    searchSuggestions(prefix: $prefix, limit: 6) {\n      text\n      product { id slug title }\n    }\n  }\n"): (typeof documents)["\n  query SearchSuggestions($prefix: String!) {\n    searchSuggestions(prefix: $prefix, limit: 6) {\n      text\n      product { id slug title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StripePayment($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status\n      total { amount currencyCode }\n      payment { id provider status clientSecret }\n    }\n  }\n"): (typeof documents)["\n  query StripePayment($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status\n      total { amount currencyCode }\n      payment { id provider status clientSecret }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PaymentConfirm($orderId: ID!, $orderToken: String) {\n    paymentConfirm(orderId: $orderId, orderToken: $orderToken) {\n      order { id status payment { id provider status } }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation PaymentConfirm($orderId: ID!, $orderToken: String) {\n    paymentConfirm(orderId: $orderId, orderToken: $orderToken) {\n      order { id status payment { id provider status } }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrderCancel($id: ID!, $orderToken: String) {\n    orderCancel(id: $id, orderToken: $orderToken) {\n      order { id number status }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation OrderCancel($id: ID!, $orderToken: String) {\n    orderCancel(id: $id, orderToken: $orderToken) {\n      order { id number status }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      id email name createdAt\n      addresses { id name line1 line2 city region postalCode country isDefault }\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id number status createdAt\n          total { amount currencyCode }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      id email name createdAt\n      addresses { id name line1 line2 city region postalCode country isDefault }\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id number status createdAt\n          total { amount currencyCode }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddressAdd($input: AddressInput!) {\n    addressAdd(input: $input) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation AddressAdd($input: AddressInput!) {\n    addressAdd(input: $input) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddressDelete($id: ID!) {\n    addressDelete(id: $id) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation AddressDelete($id: ID!) {\n    addressDelete(id: $id) {\n      user { id addresses { id name line1 line2 city region postalCode country isDefault } }\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      order {\n        id number status email\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n        payment { id provider status approvalUrl }\n      }\n      orderToken\n      userErrors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      order {\n        id number status email\n        subtotal { amount currencyCode }\n        shipping { amount currencyCode }\n        tax { amount currencyCode }\n        total { amount currencyCode }\n        payment { id provider status approvalUrl }\n      }\n      orderToken\n      userErrors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutAddresses {\n    me {\n      id\n      addresses { id name line1 line2 city region postalCode country phone isDefault }\n    }\n  }\n"): (typeof documents)["\n  query CheckoutAddresses {\n    me {\n      id\n      addresses { id name line1 line2 city region postalCode country phone isDefault }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home {\n    categories { id slug name parent { id } }\n    newArrivals: products(first: 8, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n    topRated: products(first: 8, sortKey: RATING, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home {\n    categories { id slug name parent { id } }\n    newArrivals: products(first: 8, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n    topRated: products(first: 8, sortKey: RATING, reverse: true) {\n      nodes {\n        id slug title availableForSale rating\n        brand { name }\n        images { url altText }\n        priceRange { min { amount currencyCode } max { amount currencyCode } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Listing($query: String, $filter: ProductFilter, $sort: SearchSort, $after: String) {\n    search(query: $query, filter: $filter, sort: $sort, first: 24, after: $after) {\n      correctedQuery\n      facets { name label values { value label count selected } }\n      products {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id slug title availableForSale rating\n          brand { name }\n          images { url altText }\n          priceRange { min { amount currencyCode } max { amount currencyCode } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Listing($query: String, $filter: ProductFilter, $sort: SearchSort, $after: String) {\n    search(query: $query, filter: $filter, sort: $sort, first: 24, after: $after) {\n      correctedQuery\n      facets { name label values { value label count selected } }\n      products {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id slug title availableForSale rating\n          brand { name }\n          images { url altText }\n          priceRange { min { amount currencyCode } max { amount currencyCode } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CategoryName($slug: String!) {\n    category(slug: $slug) { id name }\n  }\n"): (typeof documents)["\n  query CategoryName($slug: String!) {\n    category(slug: $slug) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderStatus($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) { id status }\n  }\n"): (typeof documents)["\n  query OrderStatus($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status email createdAt\n      lines {\n        id title sku quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant { id product { id slug } }\n      }\n      subtotal { amount currencyCode }\n      shipping { amount currencyCode }\n      tax { amount currencyCode }\n      total { amount currencyCode }\n      shippingAddress { name line1 line2 city region postalCode country }\n      payment { id provider status approvalUrl }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!, $orderToken: String) {\n    order(id: $id, orderToken: $orderToken) {\n      id number status email createdAt\n      lines {\n        id title sku quantity\n        unitPrice { amount currencyCode }\n        lineTotal { amount currencyCode }\n        variant { id product { id slug } }\n      }\n      subtotal { amount currencyCode }\n      shipping { amount currencyCode }\n      tax { amount currencyCode }\n      total { amount currencyCode }\n      shippingAddress { name line1 line2 city region postalCode country }\n      payment { id provider status approvalUrl }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductPage($slug: String!) {\n    product(slug: $slug) {\n      id slug title description availableForSale rating reviewCount\n      brand { name }\n      category { slug name }\n      images { url altText width height }\n      options { name values }\n      attributes { name value }\n      variants {\n        id sku title availableForSale quantityAvailable\n        price { amount currencyCode }\n        compareAtPrice { amount currencyCode }\n        selectedOptions { name value }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductPage($slug: String!) {\n    product(slug: $slug) {\n      id slug title description availableForSale rating reviewCount\n      brand { name }\n      category { slug name }\n      images { url altText width height }\n      options { name values }\n      attributes { name value }\n      variants {\n        id sku title availableForSale quantityAvailable\n        price { amount currencyCode }\n        compareAtPrice { amount currencyCode }\n        selectedOptions { name value }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;