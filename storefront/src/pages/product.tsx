import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useCart } from '../cart';
import { Empty, ErrorState, Loading } from '../components/status';
import { findVariant, initialSelection, VariantPicker } from '../components/variant-picker';
import { graphql } from '../gql';
import { mediaUrl } from '../media';
import { formatMoney } from '../money';
import { Link } from '../router';

const ProductPage_ = graphql(`
  query ProductPage($slug: String!) {
    product(slug: $slug) {
      id slug title description availableForSale rating reviewCount
      brand { name }
      category { slug name }
      images { url altText width height }
      options { name values }
      attributes { name value }
      variants {
        id sku title availableForSale quantityAvailable
        price { amount currencyCode }
        compareAtPrice { amount currencyCode }
        selectedOptions { name value }
      }
    }
  }
`);

export function ProductPage({ slug }: { slug: string }) {
  const { data, loading, error, refetch } = useQuery(ProductPage_, { variables: { slug } });
  const cart = useCart();
  const product = data?.product;
  const [selection, setSelection] = useState<Record<string, string>>({});
  const [image, setImage] = useState(0);
  const [quantity, setQuantity] = useState(1);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    if (product) setSelection(initialSelection(product.variants));
  }, [product]);

  if (error && !product) return <ErrorState error={error} retry={() => refetch()} />;
  if (!product) {
    return loading ? (
      <Loading label="Loading the product…" />
    ) : (
      <Empty>
        <p>This product does not exist or is no longer sold.</p>
        <Link to="/">Back to the shop</Link>
      </Empty>
    );
  }

  const variant = findVariant(product.variants, selection);
  const current = product.images[image] ?? product.images[0];
  const add = async () => {
    if (!variant) return;
    setAdding(true);
    setMessage(null);
    try {
      const errors = await cart.add(variant.id, quantity);
      setMessage(
        errors.length
          ? { kind: 'error', text: errors.map((e) => e.message).join(' ') }
          : { kind: 'ok', text: `Added ${quantity} × ${product.title} (${variant.title}) to your cart.` },
      );
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Could not add to the cart.' });
    } finally {
      setAdding(false);
    }
  };

  const stock = !variant
    ? 'This combination is not available.'
    : !variant.availableForSale
      ? 'Sold out'
      : variant.quantityAvailable <= 5
        ? `Only ${variant.quantityAvailable} left`
        : 'In stock';

  return (
    <article className="product">
      <nav aria-label="Breadcrumb" className="muted">
        <Link to="/">Home</Link> / <Link to={`/c/${product.category.slug}`}>{product.category.name}</Link>
      </nav>
      <div className="product-layout">
        <div className="gallery">
          {current && (
            <img src={mediaUrl(current.url)} alt={current.altText ?? product.title} width={560} height={560} />
          )}
          {product.images.length > 1 && (
            <ul className="thumbs" aria-label="More images">
              {product.images.map((img, i) => (
                <li key={img.url}>
                  <button type="button" aria-pressed={i === image} onClick={() => setImage(i)}>
                    <img
                      src={mediaUrl(img.url)}
                      alt={`${product.title}, view ${i + 1} of ${product.images.length}`}
                      width={64}
                      height={64}
                    />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="buy">
          <h1>{product.title}</h1>
          {product.brand && <p className="muted">{product.brand.name}</p>}
          {product.rating != null && (
            <p className="muted">
              ★ {product.rating.toFixed(1)} ({product.reviewCount} reviews)
            </p>
          )}
          <p className="price-line" aria-live="polite">
            {variant && <span className="price big">{formatMoney(variant.price)}</span>}
            {variant?.compareAtPrice && (
              <s className="compare-at">
                <span className="visually-hidden">Was </span>
                {formatMoney(variant.compareAtPrice)}
              </s>
            )}
          </p>
          <VariantPicker
            options={product.options}
            variants={product.variants}
            selection={selection}
            onChange={setSelection}
          />
          <p className={`stock ${variant?.availableForSale ? 'in' : 'out'}`} role="status">
            {stock}
          </p>
          <div className="add-row">
            <label>
              Quantity{' '}
              <input
                type="number"
                min={1}
                max={Math.max(1, Math.min(99, variant?.quantityAvailable ?? 1))}
                value={quantity}
                onChange={(e) => setQuantity(Math.max(1, Math.min(99, Number(e.target.value) || 1)))}
              />
            </label>
            <button type="button" className="button" disabled={!variant?.availableForSale || adding} onClick={add}>
              {adding ? 'Adding…' : 'Add to cart'}
            </button>
          </div>
          {message && (
            <p
              className={message.kind === 'ok' ? 'notice' : 'field-error'}
              role={message.kind === 'ok' ? 'status' : 'alert'}
            >
              {message.text} {message.kind === 'ok' && <Link to="/cart">View cart</Link>}
            </p>
          )}
          <p>{product.description}</p>
          {product.attributes.length > 0 && (
            <dl className="attributes">
              {product.attributes.map((a) => (
                <div key={a.name}>
                  <dt>{a.name}</dt>
                  <dd>{a.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
    </article>
  );
}
