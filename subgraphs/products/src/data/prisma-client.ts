import { type ClientAdapterOptions, createPrismaClient as create } from '@storegraph/prisma';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

export const createPrismaClient = (url: string, options: ClientAdapterOptions = {}): PrismaClient =>
  create(PrismaClient, url, { applicationName: 'storegraph-products', ...options });
