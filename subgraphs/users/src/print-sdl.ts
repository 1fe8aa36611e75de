import { printSubgraphSchema } from '@storegraph/graphql-kit';
import { buildUsersSchema } from './schema.js';

process.stdout.write(`${printSubgraphSchema(await buildUsersSchema())}\n`);
