import { Prisma } from '../generated/prisma/client.js';

/** A unique index refused the write (Prisma's P2002, Postgres' 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
