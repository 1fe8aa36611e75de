import { parseArgs } from 'node:util';
import type { KnownOperation } from './manifest.js';
import { PARTNER_SCOPES, type PartnerKeyStore, type PartnerScope } from './partner-keys.js';

export const PARTNER_KEYS_USAGE = `usage:
  partner-keys create --name <name> --tier <tier> --scopes read[,write] --operations manifest:<name>|<id>[,…]
  partner-keys revoke <id>
  partner-keys list`;

export class UsageError extends Error {}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The ADMIN's tool for partner API keys. A new key is printed once; only its hash is
 * kept. Tiers and operations are checked against the router's config and manifests,
 * so a key can only name what the router will honour.
 */
export async function partnerKeysCommand(
  argv: string[],
  deps: {
    store: PartnerKeyStore;
    tiers: Record<string, unknown>;
    operations: Map<string, KnownOperation>;
    print: (line: string) => void;
  },
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      tier: { type: 'string' },
      scopes: { type: 'string' },
      operations: { type: 'string' },
    },
  });
  const [command, id] = positionals;
  if (command === 'list') {
    for (const key of await deps.store.list()) {
      const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'live';
      deps.print(`${key.id}  ${key.name}  tier=${key.tier}  scopes=${key.scopes.join(',')}  ${state}`);
    }
    return;
  }
  if (command === 'revoke' && id) {
    if (!(await deps.store.revoke(id))) throw new UsageError(`no live partner key ${id}`);
    deps.print(`revoked ${id}`);
    return;
  }
  if (command !== 'create') throw new UsageError(PARTNER_KEYS_USAGE);
  const name = values.name?.trim();
  const tier = values.tier ?? 'partner';
  const scopes = list(values.scopes);
  const operations = list(values.operations);
  const manifests = new Set([...deps.operations.values()].map((op) => `manifest:${op.manifest}`));
  const problems = [
    ...(name ? [] : ['--name is required']),
    ...(tier in deps.tiers ? [] : [`tier ${tier} is not in RATE_LIMIT_TIERS`]),
    ...(scopes.length > 0 ? [] : ['--scopes needs read and/or write']),
    ...scopes.filter((s) => !PARTNER_SCOPES.includes(s as PartnerScope)).map((s) => `unknown scope ${s}`),
    ...(operations.length > 0 ? [] : ['--operations needs manifest:<name> or persisted ids']),
    ...operations.filter((o) => !manifests.has(o) && !deps.operations.has(o)).map((o) => `unknown operation ${o}`),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const { secret, record } = await deps.store.create({
    name: name as string,
    tier,
    scopes: scopes as PartnerScope[],
    operations,
  });
  deps.print(`created partner key ${record.id} (${record.name}, tier ${record.tier})`);
  deps.print(`key (shown once; send it as the x-api-key header): ${secret}`);
}
