import { GraphQLError } from 'graphql';

/** 401 with UNAUTHENTICATED: the credentials presented are not acceptable. Never a guest fallback. */
export function authenticationFailed(message = 'The access token is invalid or expired.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
