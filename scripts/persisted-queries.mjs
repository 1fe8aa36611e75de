// Builds the persisted-query manifests (Apollo's format) under schema/persisted-queries:
// storefront.json from the operations in the storefront's sources, and one manifest
// per `*.graphql` file of partner operations in that folder. `pnpm generate` runs it,
// so CI fails when a manifest is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, visit } from 'graphql';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo']);
const SOURCE_FILE = /\.(graphql|gql|html|js|mjs|jsx|ts|tsx)$/;
// A template literal that is a whole named operation, without interpolation (`${`);
// a lone `$` is a GraphQL variable and belongs to the operation.
const TEMPLATE_OPERATION = /`(\s*(?:query|mutation|subscription)\s+[A-Za-z_]\w*(?:[^`$]|\$(?!\{))*)`/g;
// GraphQL Code Generator's output (storefront/src/gql) repeats the operations and
// carries an example operation in a comment; the sources are what is persisted.
const GENERATED_DIRS = new Set([path.join('storefront', 'src', 'gql')]);

function files(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const skip = SKIP_DIRS.has(name) || GENERATED_DIRS.has(path.relative(path.dirname(root), full));
      return skip ? [] : files(full, root);
    }
    return SOURCE_FILE.test(name) ? [full] : [];
  });
}

/** GraphQL documents in a file: the whole file for .graphql, else operation template literals. */
function documentsIn(file) {
  const text = readFileSync(file, 'utf8');
  if (/\.(graphql|gql)$/.test(file)) return [text];
  return [...text.matchAll(TEMPLATE_OPERATION)].map((m) => m[1].trim());
}

/**
 * Each named operation of the documents, its body the exact source text (plus the
 * fragments it spreads), so a client sending the same text matches the safelist.
 */
export function operationsOf(documents, where) {
  const operations = [];
  for (const source of documents) {
    const document = parse(source);
    const fragments = new Map(
      document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const slice = (node) => source.slice(node.loc.start, node.loc.end);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (!definition.name) throw new Error(`${where}: every persisted operation needs a name`);
      const used = new Set();
      const collect = (node) =>
        visit(node, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (fragment && !used.has(fragment)) {
              used.add(fragment);
              collect(fragment);
            }
          },
        });
      collect(definition);
      const body = [definition, ...used].map(slice).join('\n\n');
      operations.push({
        id: createHash('sha256').update(body, 'utf8').digest('hex'),
        name: definition.name.value,
        type: definition.operation,
        body,
      });
    }
  }
  const names = new Set();
  for (const op of operations) {
    if (names.has(op.name)) throw new Error(`${where}: two operations are named ${op.name}`);
    names.add(op.name);
  }
  return operations.sort((a, b) => a.name.localeCompare(b.name));
}

const manifest = (operations) =>
  `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;

/** Writes every manifest; returns their file names. */
export function writePersistedQueryManifests(root) {
  const dir = path.join(root, 'schema/persisted-queries');
  const written = [];
  const storefront = files(path.join(root, 'storefront')).flatMap(documentsIn);
  writeFileSync(path.join(dir, 'storefront.json'), manifest(operationsOf(storefront, 'storefront')));
  written.push('storefront.json');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    const target = name.replace(/\.graphql$/, '.json');
    writeFileSync(path.join(dir, target), manifest(operationsOf([readFileSync(path.join(dir, name), 'utf8')], name)));
    written.push(target);
  }
  return written;
}
