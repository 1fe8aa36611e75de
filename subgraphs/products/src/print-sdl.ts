import { printSubgraphSchema } from '@storegraph/graphql-kit';
import { buildProductsSchema } from './schema.js';

process.stdout.write(`${printSubgraphSchema(await buildProductsSchema())}\n`);
