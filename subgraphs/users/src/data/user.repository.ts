import type { AddressRecord, UserRecord, UserStore } from '../domain/user.records.js';
import type { PrismaClient } from './prisma-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const onlyUuids = (ids: readonly string[]) => [...new Set(ids.filter((id) => UUID.test(id)))];

const userSelect = { id: true, email: true, name: true, role: true, createdAt: true } as const;

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
      select: {
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
      },
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

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
