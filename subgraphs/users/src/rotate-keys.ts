import { env, loadConfig, z } from '@storegraph/config';
import { applyMigrations } from '@storegraph/prisma';
import { createPrismaClient } from './data/prisma-client.js';
import { PrismaSigningKeyStore } from './data/signing-key.store.js';
import { migrationsDir } from './migrations-dir.js';

/**
 * Rotates the access-token signing key: a new key signs from now on; the previous
 * one stays in the JWKS until the tokens it signed have expired.
 */
const config = loadConfig('users: rotate-keys', z.object({ DATABASE_URL: env.postgresUrl() }));
await applyMigrations(config.DATABASE_URL, migrationsDir);
const prisma = createPrismaClient(config.DATABASE_URL, { max: 1 });
try {
  const { kid, retired } = await new PrismaSigningKeyStore(prisma).rotate();
  process.stdout.write(
    `signing key ${kid} is active${retired ? `; ${retired} retired (published until its tokens expire)` : ''}\n`,
  );
} finally {
  await prisma.$disconnect();
}
