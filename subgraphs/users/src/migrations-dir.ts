import { fileURLToPath } from 'node:url';

/** prisma/migrations of this subgraph, from src/ or dist/ alike. */
export const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
