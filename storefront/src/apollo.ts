import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { storeFetch } from './transport';

export function createClient() {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: storeFetch }),
    cache: new InMemoryCache({
      typePolicies: {
        // Entities without their own id in the answer are kept inside their parent.
        Money: { keyFields: false },
        SearchResult: { keyFields: false },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
