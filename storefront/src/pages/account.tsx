import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { type AddressErrors, AddressForm } from '../components/address-form';
import { PasswordForm, ProfileForm } from '../components/profile-forms';
import { Empty, ErrorState, Loading } from '../components/status';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';

const Account = graphql(`
  query Account {
    me {
      id email name createdAt
      addresses { id name line1 line2 city region postalCode country isDefault }
      orders(first: 20) {
        totalCount
        nodes {
          id number status createdAt
          total { amount currencyCode }
        }
      }
    }
  }
`);

const AddressAdd = graphql(`
  mutation AddressAdd($input: AddressInput!) {
    addressAdd(input: $input) {
      user { id addresses { id name line1 line2 city region postalCode country isDefault } }
      userErrors { code message field }
    }
  }
`);

const AddressDelete = graphql(`
  mutation AddressDelete($id: ID!) {
    addressDelete(id: $id) {
      user { id addresses { id name line1 line2 city region postalCode country isDefault } }
      userErrors { code message field }
    }
  }
`);

const STATUS_LABEL: Record<string, string> = {
  PENDING_PAYMENT: 'Awaiting payment',
  PAID: 'Paid',
  FULFILLED: 'Shipped',
  CANCELLED: 'Cancelled',
  PAYMENT_FAILED: 'Payment failed',
  REFUNDED: 'Refunded',
};
export const orderStatusLabel = (status: string) => STATUS_LABEL[status] ?? status;

/** Sign in and registration share one form; `mode` picks which. */
export function AuthPage({ mode }: { mode: 'login' | 'register' }) {
  const { login, register } = useSession();
  const { search } = useLocation();
  const next = search.get('next') ?? '/account';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    if (!email.includes('@')) return setError('Enter your email address.');
    if (mode === 'register' && password.length < 10) return setError('Use a password of at least 10 characters.');
    if (mode === 'register' && !name) return setError('Enter your name.');
    setBusy(true);
    setError(null);
    try {
      const errors = mode === 'register' ? await register({ email, password, name }) : await login(email, password);
      if (errors.length) {
        setError(errors.map((e) => e.message).join(' '));
        return;
      }
      navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/account');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>{mode === 'register' ? 'Create an account' : 'Sign in'}</h1>
      <form className="form" onSubmit={submit} noValidate>
        {mode === 'register' && (
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} name="name" autoComplete="name" required />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input id={`${id}-email`} name="email" type="email" autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
            aria-describedby={mode === 'register' ? `${id}-hint` : undefined}
            required
          />
          {mode === 'register' && (
            <p id={`${id}-hint`} className="muted">
              At least 10 characters, not a common password.
            </p>
          )}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'register' ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p>
        {mode === 'register' ? (
          <>
            Already have an account? <Link to={`/account/login?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link to={`/account/register?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        )}
      </p>
    </div>
  );
}

export function AccountPage() {
  const { status, signOut } = useSession();
  const { data, previousData, loading, error, refetch } = useQuery(Account, {
    skip: status !== 'signedIn',
    fetchPolicy: 'cache-and-network',
  });
  const [add, added] = useMutation(AddressAdd);
  const [remove] = useMutation(AddressDelete);
  const [serverErrors, setServerErrors] = useState<AddressErrors>({});
  const [adding, setAdding] = useState(false);

  if (status === 'loading') return <Loading label="Signing you in…" />;
  if (status === 'guest') {
    return (
      <Empty>
        <h1>Your account</h1>
        <p>
          <Link to="/account/login">Sign in</Link> or <Link to="/account/register">create an account</Link> to see your
          orders and addresses.
        </p>
      </Empty>
    );
  }
  if (error && !data && !previousData) return <ErrorState error={error} retry={() => refetch()} />;
  // After a mutation the query may read again with no data meanwhile (persisted answers carry
  // no __typename for the cache to merge): keep showing the account, so the forms keep their state.
  const me = data?.me ?? previousData?.me;
  if (!me) return <Loading label={loading ? 'Loading your account…' : 'No account'} />;

  return (
    <div className="account">
      <h1>Hello, {me.name}</h1>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <p>
          {me.name} · {me.email}
        </p>
        <ProfileForm user={me} onSaved={() => refetch()} />
        <PasswordForm email={me.email} />
        <button
          type="button"
          className="button secondary"
          onClick={async () => {
            await signOut();
            navigate('/');
          }}
        >
          Sign out
        </button>
      </section>
      <section aria-labelledby="orders-heading">
        <h2 id="orders-heading">Order history</h2>
        {me.orders.nodes.length === 0 ? (
          <p>No orders yet.</p>
        ) : (
          <table className="orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Status</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {me.orders.nodes.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/order/${o.id}`}>{o.number}</Link>
                  </td>
                  <td>{new Date(o.createdAt).toLocaleDateString('en')}</td>
                  <td>
                    <span className={`badge status-${o.status.toLowerCase()}`}>{orderStatusLabel(o.status)}</span>
                  </td>
                  <td>{formatMoney(o.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="addresses-heading">
        <h2 id="addresses-heading">Addresses</h2>
        {me.addresses.length === 0 && <p>No saved addresses.</p>}
        <ul className="addresses">
          {me.addresses.map((a) => (
            <li key={a.id}>
              <address>
                {a.name}
                <br />
                {a.line1}
                {a.line2 ? `, ${a.line2}` : ''}
                <br />
                {a.postalCode} {a.city}
                {a.region ? `, ${a.region}` : ''}, {a.country}
              </address>
              {a.isDefault && <span className="badge">Default</span>}
              <button
                type="button"
                className="button link"
                onClick={() => remove({ variables: { id: a.id } }).then(() => refetch())}
                aria-label={`Delete the address ${a.line1}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
        {adding ? (
          <AddressForm
            submitLabel="Save address"
            busy={added.loading}
            serverErrors={serverErrors}
            onSubmit={async (address) => {
              const { data: result } = await add({ variables: { input: addressInput(address) } });
              const errors = result?.addressAdd.userErrors ?? [];
              setServerErrors(fieldErrors(errors));
              if (!errors.length) {
                setAdding(false);
                // Answers to persisted operations carry no __typename, so the cache cannot merge them: read again.
                await refetch();
              }
            }}
          />
        ) : (
          <button type="button" className="button secondary" onClick={() => setAdding(true)}>
            Add an address
          </button>
        )}
      </section>
    </div>
  );
}

export function addressInput(a: import('../components/address-form').AddressValues) {
  return {
    name: a.name.trim(),
    line1: a.line1.trim(),
    line2: a.line2.trim() || null,
    city: a.city.trim(),
    region: a.region.trim() || null,
    postalCode: a.postalCode.trim(),
    country: a.country.trim().toUpperCase(),
    phone: a.phone.trim() || null,
  };
}

/** userErrors whose `field` names an address field, keyed by that field (the last path element). */
export function fieldErrors(errors: Array<{ message: string; field?: string[] | null }>): AddressErrors {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = e.field?.at(-1);
    if (key) out[key] = e.message;
  }
  return out as AddressErrors;
}
