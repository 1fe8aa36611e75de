import { type ClientAdapterOptions, createPrismaClient as create, type DirectSql, directSql } from '@storegraph/prisma';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

export const createPrismaClient = (url: string, options: ClientAdapterOptions = {}): PrismaClient =>
  create(PrismaClient, url, { applicationName: 'storegraph-products', ...options });

/** Raw SQL on the client's pool without Prisma's query engine, for the hot paths (see DirectSql). */
export const sqlOf = (client: PrismaClient): DirectSql => directSql(client, Prisma.sql);
