import { lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useCart } from './cart';
import { SearchBox } from './components/search-box';
import { Empty, Loading } from './components/status';
import { HomePage } from './pages/home';
import { Link, matchPath, useLocation } from './router';
import { useSession } from './session';

// Only the first pages a visitor sees are in the entry chunk; the rest load on demand.
const ListingPage = lazy(() => import('./pages/listing').then((m) => ({ default: m.ListingPage })));
const ProductPage = lazy(() => import('./pages/product').then((m) => ({ default: m.ProductPage })));
const CartPage = lazy(() => import('./pages/cart-page').then((m) => ({ default: m.CartPage })));
const AccountPage = lazy(() => import('./pages/account').then((m) => ({ default: m.AccountPage })));
const AuthPage = lazy(() => import('./pages/account').then((m) => ({ default: m.AuthPage })));
const CheckoutPage = lazy(() => import('./pages/checkout').then((m) => ({ default: m.CheckoutPage })));
const PayPalReturnPage = lazy(() => import('./pages/paypal-return').then((m) => ({ default: m.PayPalReturnPage })));
const OrderPage = lazy(() => import('./pages/order').then((m) => ({ default: m.OrderPage })));

const ROUTES: Array<[string, (p: Record<string, string>) => ReactNode]> = [
  ['/', () => <HomePage />],
  ['/search', () => <ListingPage />],
  ['/c/:slug', (p) => <ListingPage key={p.slug} category={p.slug} />],
  ['/p/:slug', (p) => <ProductPage key={p.slug} slug={p.slug ?? ''} />],
  ['/cart', () => <CartPage />],
  ['/checkout', () => <CheckoutPage />],
  ['/checkout/paypal/return', () => <PayPalReturnPage key="return" mode="return" />],
  ['/checkout/paypal/cancel', () => <PayPalReturnPage key="cancel" mode="cancel" />],
  ['/order/:id', (p) => <OrderPage key={p.id} id={p.id ?? ''} />],
  ['/account', () => <AccountPage />],
  ['/account/login', () => <AuthPage mode="login" />],
  ['/account/register', () => <AuthPage mode="register" />],
];

function Route() {
  const { pathname } = useLocation();
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params) return render(params);
  }
  return (
    <Empty>
      <h1>Page not found</h1>
      <Link to="/">Back to the shop</Link>
    </Empty>
  );
}

function CartLink() {
  const { cart } = useCart();
  const count = cart?.totalQuantity ?? 0;
  return (
    <Link to="/cart" className="header-link" aria-label={`Cart, ${count} items`}>
      Cart <span className="cart-count">{count}</span>
    </Link>
  );
}

export function App() {
  const { href } = useLocation();
  const { status, user } = useSession();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After an in-app navigation, move focus to the new page so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every location change
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [href]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="logo">
          Storegraph
        </Link>
        <SearchBox />
        <nav aria-label="Account and cart" className="header-nav">
          <Link to="/account" className="header-link">
            {status === 'signedIn' && user ? user.name.split(' ')[0] : 'Sign in'}
          </Link>
          <CartLink />
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Route />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>Storegraph · an open-source shop on a federated GraphQL API</p>
      </footer>
    </>
  );
}
