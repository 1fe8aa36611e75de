import { type ClientAdapterOptions, createPrismaClient as create } from '@storegraph/prisma';
import { type Prisma, PrismaClient } from '../generated/prisma/client.js';

export type { Prisma, PrismaClient };

export const createPrismaClient = (url: string, options: ClientAdapterOptions = {}): PrismaClient =>
  create(PrismaClient, url, { applicationName: 'storegraph-orders', ...options });
