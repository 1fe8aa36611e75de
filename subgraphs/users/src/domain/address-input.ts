export { type AddressDraft, type AddressRequest, checkAddress } from '@storegraph/graphql-kit';

/** At most this many addresses in one address book. */
export const MAX_ADDRESSES = 20;
