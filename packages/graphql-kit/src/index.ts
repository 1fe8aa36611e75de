import 'reflect-metadata';

export { printSubgraphSchema } from '@apollo/subgraph';
export { DateTimeResolver } from 'graphql-scalars';
export {
  type AddressDraft,
  type AddressRequest,
  CONTROL_CHARACTERS,
  checkAddress,
} from './address.js';
export { Address, Money, PageInfo, UserError, userError } from './common-types.js';
export {
  decodeCursor,
  encodeCursor,
  type KeysetPage,
  keysetPage,
  MAX_PAGE_SIZE,
  pageInfo,
  pageInfoOf,
  pageSize,
} from './connection.js';
export { COUNTRY_CODES } from './countries.js';
export { badUserInput, forbidden, serviceUnavailable, unauthenticated } from './errors.js';
export { isUuid, onlyUuids } from './ids.js';
export { CURRENCY_CODE, formatMinor, minorDigits, money, parseDecimalToMinor } from './money.js';
export { buildSubgraph, type ReferenceResolvers, type SubgraphSchemaOptions } from './subgraph-schema.js';
export { type Authenticate, everyoneIsGuest, isAdmin, mayAccess, type Role, type Viewer } from './viewer.js';
