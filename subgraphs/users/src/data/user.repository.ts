import { isUuid, onlyUuids } from '@storegraph/graphql-kit';
import type { AddressRecord, ProfileUpdate, UserCredentials, UserRecord, UserStore } from '../domain/user.records.js';
import { addressSelect } from './address.repository.js';
import type { PrismaClient } from './prisma-client.js';
import { isUniqueViolation } from './prisma-errors.js';

const userSelect = { id: true, email: true, name: true, role: true, createdAt: true } as const;
const credentialsSelect = { ...userSelect, passwordHash: true } as const;

export class PrismaUserStore implements UserStore {
  constructor(private readonly prisma: PrismaClient) {}

  async usersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return [];
    return this.prisma.user.findMany({ where: { id: { in: valid } }, select: userSelect });
  }

  async addressesByUserIds(userIds: readonly string[]): Promise<AddressRecord[]> {
    const valid = onlyUuids(userIds);
    if (valid.length === 0) return [];
    return this.prisma.address.findMany({
      where: { userId: { in: valid } },
      orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }],
      select: addressSelect,
    });
  }

  async upsertAdmin(input: { email: string; name: string; passwordHash: string }) {
    const existing = await this.prisma.user.findUnique({ where: { email: input.email }, select: userSelect });
    if (existing) {
      const user = await this.prisma.user.update({
        where: { id: existing.id },
        data: { role: 'ADMIN' },
        select: userSelect,
      });
      return { user, created: false };
    }
    const user = await this.prisma.user.create({ data: { ...input, role: 'ADMIN' }, select: userSelect });
    return { user, created: true };
  }

  credentialsByEmail(email: string): Promise<UserCredentials | null> {
    return this.prisma.user.findUnique({ where: { email }, select: credentialsSelect });
  }

  async credentialsById(id: string): Promise<UserCredentials | null> {
    if (!isUuid(id)) return null;
    return this.prisma.user.findUnique({ where: { id }, select: credentialsSelect });
  }

  async createCustomer(input: { email: string; name: string; passwordHash: string }): Promise<UserRecord | null> {
    try {
      // The role is written here and nowhere else: no input reaches it.
      return await this.prisma.user.create({ data: { ...input, role: 'CUSTOMER' }, select: userSelect });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async updateProfile(id: string, changes: { name?: string; email?: string }): Promise<ProfileUpdate> {
    if (!isUuid(id)) return { outcome: 'missing' };
    try {
      const users = await this.prisma.user.updateManyAndReturn({ where: { id }, data: changes, select: userSelect });
      const user = users[0];
      return user ? { outcome: 'updated', user } : { outcome: 'missing' };
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: 'email-taken' };
      throw error;
    }
  }

  async replacePassword(id: string, passwordHash: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id }, data: { passwordHash } }),
      this.prisma.refreshToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } }),
    ]);
  }

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
