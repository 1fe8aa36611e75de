import { printSubgraphSchema } from '@storegraph/graphql-kit';
import { buildSearchSchema } from './schema.js';

process.stdout.write(`${printSubgraphSchema(await buildSearchSchema())}\n`);
