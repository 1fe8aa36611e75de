import { storegraphPrismaConfig } from '@storegraph/prisma';
import { defineConfig } from 'prisma/config';

export default defineConfig(storegraphPrismaConfig());
