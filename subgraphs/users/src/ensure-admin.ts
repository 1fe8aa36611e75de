import { env, loadConfig, z } from '@storegraph/config';
import { applyMigrations } from '@storegraph/prisma';
import { argon2Hasher } from './data/argon2-hasher.js';
import { createPrismaClient } from './data/prisma-client.js';
import { PrismaUserStore } from './data/user.repository.js';
import { ensureAdminAccount } from './domain/admin-account.js';
import { passwordWeakness } from './domain/password-policy.js';
import { migrationsDir } from './migrations-dir.js';

/** Creates (or promotes) the ADMIN account named by ADMIN_EMAIL; the start script runs it. */
const config = loadConfig(
  'users: ensure-admin',
  z.object({
    DATABASE_URL: env.postgresUrl(),
    ADMIN_EMAIL: z.string().email(),
    ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters'),
    ADMIN_NAME: z.string().min(1).default('Store Admin'),
  }),
);
const weakness = passwordWeakness(config.ADMIN_PASSWORD, config.ADMIN_EMAIL);
if (weakness) {
  process.stderr.write(`users: ensure-admin: ADMIN_PASSWORD is too weak: ${weakness}\n`);
  process.exit(78);
}
await applyMigrations(config.DATABASE_URL, migrationsDir);
const prisma = createPrismaClient(config.DATABASE_URL, { max: 1 });
try {
  const { user, created } = await ensureAdminAccount(new PrismaUserStore(prisma), argon2Hasher, {
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
    name: config.ADMIN_NAME,
  });
  process.stdout.write(`admin account ${user.email} ${created ? 'created' : 'already present'}\n`);
} finally {
  await prisma.$disconnect();
}
