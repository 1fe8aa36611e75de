import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';

/** One operation of Apollo's persisted-query manifest format. */
export interface PersistedOperation {
  /** SHA-256 of `body`, hex. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

/** A known operation and the manifest (file name without `.json`) it comes from. */
export interface KnownOperation extends PersistedOperation {
  manifest: string;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Everything wrong with a manifest against the schema: its shape, ids that are not
 * the body's SHA-256, duplicate ids, bodies that are not exactly one operation of
 * the declared name and type, and operations the schema no longer validates (the
 * check that makes a breaking schema change fail the build).
 */
export function manifestProblems(manifest: unknown, schema: GraphQLSchema): string[] {
  const m = manifest as Partial<PersistedQueryManifest>;
  if (m?.format !== 'apollo-persisted-query-manifest' || m.version !== 1 || !Array.isArray(m.operations)) {
    return ['not an apollo-persisted-query-manifest, version 1, with an operations array'];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const op of m.operations) {
    const label = `operation ${op?.name ?? '(unnamed)'}`;
    if (typeof op?.body !== 'string' || typeof op.id !== 'string') {
      problems.push(`${label}: id and body must be strings`);
      continue;
    }
    if (op.id !== sha256Hex(op.body)) problems.push(`${label}: id is not the SHA-256 of its body`);
    if (seen.has(op.id)) problems.push(`${label}: duplicate id ${op.id}`);
    seen.add(op.id);
    let document: ReturnType<typeof parse>;
    try {
      document = parse(op.body);
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
      continue;
    }
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const [only] = operations;
    if (operations.length !== 1 || only?.name?.value !== op.name || only.operation !== op.type) {
      problems.push(`${label}: the body must hold exactly one ${op.type} named ${op.name}`);
    }
    for (const error of validate(schema, document)) problems.push(`${label}: ${error.message}`);
  }
  return problems;
}

/** Reads every `*.json` manifest in `dir`; any problem stops the router from starting. */
export function loadManifests(dir: string, schema: GraphQLSchema): Map<string, KnownOperation> {
  const known = new Map<string, KnownOperation>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const manifest = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as PersistedQueryManifest;
    const problems = manifestProblems(manifest, schema);
    if (problems.length > 0) throw new Error(`persisted-query manifest ${file}:\n  ${problems.join('\n  ')}`);
    for (const op of manifest.operations) known.set(op.id, { ...op, manifest: file.replace(/\.json$/, '') });
  }
  return known;
}
