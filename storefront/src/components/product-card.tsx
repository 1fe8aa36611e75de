import { mediaUrl } from '../media';
import { formatMoney, type Money } from '../money';
import { Link } from '../router';

export type CardProduct = {
  id: string;
  slug: string;
  title: string;
  availableForSale: boolean;
  rating?: number | null;
  brand?: { name: string } | null;
  images: Array<{ url: string; altText?: string | null }>;
  priceRange: { min: Money; max: Money };
};

export function ProductCard({ product, eager = false }: { product: CardProduct; eager?: boolean }) {
  const image = product.images[0];
  const { min, max } = product.priceRange;
  return (
    <li className="card">
      <Link to={`/p/${encodeURIComponent(product.slug)}`} className="card-link">
        {image && (
          <img
            src={mediaUrl(image.url)}
            alt={image.altText ?? ''}
            width={320}
            height={320}
            loading={eager ? 'eager' : 'lazy'}
            decoding="async"
          />
        )}
        <span className="card-title">{product.title}</span>
      </Link>
      {product.brand && <span className="muted">{product.brand.name}</span>}
      <span className="price">{min.amount === max.amount ? formatMoney(min) : `from ${formatMoney(min)}`}</span>
      {product.rating != null && (
        <span className="muted">
          <span aria-hidden="true">★</span> {product.rating.toFixed(1)}
          <span className="visually-hidden"> out of 5 stars</span>
        </span>
      )}
      {!product.availableForSale && <span className="badge">Sold out</span>}
    </li>
  );
}

export function ProductGrid({ products, label }: { products: CardProduct[]; label: string }) {
  return (
    <ul className="grid" aria-label={label}>
      {products.map((p, i) => (
        <ProductCard key={p.id} product={p} eager={i < 4} />
      ))}
    </ul>
  );
}
