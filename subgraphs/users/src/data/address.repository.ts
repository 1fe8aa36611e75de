import { isUuid } from '@storegraph/graphql-kit';
import type { AddressDraft } from '../domain/address-input.js';
import type { AddressAdd, AddressBook, AddressRecord } from '../domain/user.records.js';
import type { PrismaClient } from './prisma-client.js';

export const addressSelect = {
  id: true,
  userId: true,
  name: true,
  line1: true,
  line2: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  phone: true,
  isDefault: true,
} as const;

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Locks the user's row for the rest of the transaction; false when there is no such user. */
async function lockUser(tx: Transaction, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

/**
 * Address books in Postgres. Each change locks the owner's row first, which
 * serialises the changes of one book: the count checked against the limit is the
 * count the insert sees, and the partial unique index on the default never fires
 * between two well-behaved requests.
 */
export class PrismaAddressBook implements AddressBook {
  constructor(private readonly prisma: PrismaClient) {}

  async add(userId: string, draft: AddressDraft, options: { makeDefault: boolean; max: number }): Promise<AddressAdd> {
    if (!isUuid(userId)) return { outcome: 'missing' };
    return this.prisma.$transaction(async (tx): Promise<AddressAdd> => {
      if (!(await lockUser(tx, userId))) return { outcome: 'missing' };
      const count = await tx.address.count({ where: { userId } });
      if (count >= options.max) return { outcome: 'full' };
      const isDefault = options.makeDefault || count === 0;
      if (isDefault) await tx.address.updateMany({ where: { userId, isDefault: true }, data: { isDefault: false } });
      const address: AddressRecord = await tx.address.create({
        data: { ...draft, userId, isDefault },
        select: addressSelect,
      });
      return { outcome: 'added', address };
    });
  }

  async remove(userId: string, addressId: string): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(addressId)) return false;
    return this.prisma.$transaction(async (tx) => {
      if (!(await lockUser(tx, userId))) return false;
      const address = await tx.address.findFirst({ where: { id: addressId, userId }, select: { isDefault: true } });
      if (!address) return false;
      await tx.address.delete({ where: { id: addressId } });
      if (address.isDefault) {
        const next = await tx.address.findFirst({
          where: { userId },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          select: { id: true },
        });
        if (next) await tx.address.update({ where: { id: next.id }, data: { isDefault: true } });
      }
      return true;
    });
  }
}
