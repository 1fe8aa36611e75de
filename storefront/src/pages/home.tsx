import { useQuery } from '@apollo/client/react';
import { ProductGrid } from '../components/product-card';
import { ErrorState, Loading } from '../components/status';
import { graphql } from '../gql';
import { Link } from '../router';

const Home = graphql(`
  query Home {
    categories { id slug name parent { id } }
    newArrivals: products(first: 8, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id slug title availableForSale rating
        brand { name }
        images { url altText }
        priceRange { min { amount currencyCode } max { amount currencyCode } }
      }
    }
    topRated: products(first: 8, sortKey: RATING, reverse: true) {
      nodes {
        id slug title availableForSale rating
        brand { name }
        images { url altText }
        priceRange { min { amount currencyCode } max { amount currencyCode } }
      }
    }
  }
`);

export function HomePage() {
  const { data, loading, error, refetch } = useQuery(Home);
  if (error && !data) return <ErrorState error={error} retry={() => refetch()} />;
  if (!data) return <Loading label={loading ? 'Loading the shop…' : 'Nothing to show'} />;
  const roots = data.categories.filter((c) => !c.parent);
  return (
    <>
      <section className="hero">
        <h1>Everything for everyday, delivered.</h1>
        <p>Browse {roots.length} departments or search the whole catalog.</p>
      </section>
      <section aria-labelledby="cat-heading">
        <h2 id="cat-heading">Shop by category</h2>
        <ul className="category-list">
          {roots.map((c) => (
            <li key={c.id}>
              <Link to={`/c/${encodeURIComponent(c.slug)}`}>{c.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="new-heading">
        <h2 id="new-heading">New arrivals</h2>
        <ProductGrid products={data.newArrivals.nodes} label="New arrivals" />
      </section>
      <section aria-labelledby="top-heading">
        <h2 id="top-heading">Top rated</h2>
        <ProductGrid products={data.topRated.nodes} label="Top rated" />
      </section>
    </>
  );
}
