// The storefront's own operations, as its persisted-query manifest holds them (`pnpm
// generate` extracts it from storefront/src), so a bench sends what a shopper's browser
// sends and follows the storefront when its operations change.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(
  readFileSync(new URL('../schema/persisted-queries/storefront.json', import.meta.url), 'utf8'),
);

/** `{ id, name, type, body }` of the storefront operation called `name`. */
export function storefrontOperation(name) {
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`the storefront has no operation named ${name} (run pnpm generate)`);
  return operation;
}
