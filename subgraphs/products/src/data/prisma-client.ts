import { clientAdapter } from '@storegraph/prisma';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

export interface PrismaClientOptions {
  poolSize?: number;
  onQuery?: (sql: string) => void;
}

export function createPrismaClient(url: string, options: PrismaClientOptions = {}): PrismaClient {
  return new PrismaClient({
    adapter: clientAdapter(url, {
      max: options.poolSize,
      onQuery: options.onQuery,
      applicationName: 'storegraph-products',
    }),
  });
}
