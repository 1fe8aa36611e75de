import { printSubgraphSchema } from '@storegraph/graphql-kit';
import { buildCartSchema } from './schema.js';

process.stdout.write(`${printSubgraphSchema(await buildCartSchema())}\n`);
