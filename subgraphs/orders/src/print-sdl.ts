import { printSubgraphSchema } from '@storegraph/graphql-kit';
import { buildOrdersSchema } from './schema.js';

process.stdout.write(`${printSubgraphSchema(await buildOrdersSchema())}\n`);
