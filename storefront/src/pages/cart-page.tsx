import { useState } from 'react';
import { useCart } from '../cart';
import { Empty, ErrorState, Loading } from '../components/status';
import { mediaUrl } from '../media';
import { formatMoney } from '../money';
import { Link } from '../router';

export function CartPage() {
  const { cart, loading, error, setQuantity, remove, reload } = useCart();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (error && !cart) return <ErrorState error={error} retry={() => reload()} />;
  if (!cart && loading) return <Loading label="Loading your cart…" />;
  if (!cart || cart.lines.length === 0) {
    return (
      <Empty>
        <h1>Your cart is empty</h1>
        <p>
          <Link to="/search">Start shopping</Link>
        </p>
      </Empty>
    );
  }

  const run = async (lineId: string, action: () => Promise<Array<{ message: string }>>) => {
    setBusy(lineId);
    setProblem(null);
    try {
      const errors = await action();
      if (errors.length) setProblem(errors.map((e) => e.message).join(' '));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : 'The cart could not be changed.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="cart">
      <h1>Your cart</h1>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <ul className="cart-lines" aria-label="Cart lines">
        {cart.lines.map((line) => {
          const img = line.variant.product.images[0];
          const label = `${line.variant.product.title}, ${line.variant.title}`;
          return (
            <li key={line.id} className="cart-line" aria-busy={busy === line.id}>
              {img && <img src={mediaUrl(img.url)} alt="" width={80} height={80} />}
              <div>
                <Link to={`/p/${line.variant.product.slug}`}>{line.variant.product.title}</Link>
                <p className="muted">{line.variant.selectedOptions.map((o) => `${o.name}: ${o.value}`).join(' · ')}</p>
                <p className="muted">{formatMoney(line.unitPrice)} each</p>
              </div>
              <label>
                <span className="visually-hidden">Quantity of {label}</span>
                <select
                  value={line.quantity}
                  disabled={busy !== null}
                  onChange={(e) => run(line.id, () => setQuantity(line.id, Number(e.target.value)))}
                >
                  {Array.from({ length: Math.max(10, line.quantity) }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              <span className="price">{formatMoney(line.lineTotal)}</span>
              <button
                type="button"
                className="button link"
                disabled={busy !== null}
                onClick={() => run(line.id, () => remove(line.id))}
                aria-label={`Remove ${label}`}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <div className="cart-summary">
        <p>
          Subtotal ({cart.totalQuantity} items): <strong aria-live="polite">{formatMoney(cart.subtotal)}</strong>
        </p>
        <p className="muted">Shipping and tax are calculated at checkout.</p>
        <Link to="/checkout" className="button">
          Check out
        </Link>
      </div>
    </div>
  );
}
