import { readFileSync } from 'node:fs';
import { loadConfig, z } from '@storegraph/config';
import { createFailFastRedis } from '@storegraph/service';
import { apiSchema } from './api-schema.js';
import { rateTiers, routerConfigSchema } from './config.js';
import { loadManifests } from './persisted/manifest.js';
import { PartnerKeyStore } from './persisted/partner-keys.js';
import { partnerKeysCommand, UsageError } from './persisted/partner-keys-command.js';

// `pnpm --filter @storegraph/router partner-keys -- create|revoke|list`, with the router's own variables.
const { shape } = routerConfigSchema;
const config = loadConfig(
  'partner-keys',
  z.object({
    REDIS_URL: shape.REDIS_URL,
    REDIS_KEY_PREFIX: shape.REDIS_KEY_PREFIX,
    RATE_LIMIT_TIERS: shape.RATE_LIMIT_TIERS,
    SUPERGRAPH_PATH: shape.SUPERGRAPH_PATH,
    PERSISTED_QUERIES_DIR: shape.PERSISTED_QUERIES_DIR,
  }),
);
const redis = createFailFastRedis(config.REDIS_URL);
try {
  await redis.connect();
  await partnerKeysCommand(process.argv.slice(2), {
    store: new PartnerKeyStore(redis, config.REDIS_KEY_PREFIX),
    tiers: rateTiers(config),
    operations: loadManifests(config.PERSISTED_QUERIES_DIR, apiSchema(readFileSync(config.SUPERGRAPH_PATH, 'utf8'))),
    print: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`${error instanceof UsageError ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 64 : 1;
} finally {
  redis.disconnect();
}
