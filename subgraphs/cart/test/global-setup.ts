import { deleteRedisPrefix, testRedisPrefix } from '@storegraph/testkit';

/** A Redis key prefix of this run alone, removed afterwards. */
export default async function setup() {
  const prefix = testRedisPrefix('cart');
  process.env.CART_TEST_PREFIX = prefix;
  return async () => {
    await deleteRedisPrefix(prefix);
  };
}
