import { AccountResolver } from './account.resolver.js';
import { ProfileResolver } from './profile.resolver.js';

/** The resolver classes of the account mutations; the schema is built from them without any dependency. */
export const ACCOUNT_RESOLVERS = [AccountResolver, ProfileResolver] as const;
