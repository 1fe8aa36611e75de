import { useApolloClient } from '@apollo/client/react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setTokenSource } from './transport';

// Tokens: the access token lives only in this module's memory (never in storage, so
// a page reload asks for a new one). The refresh token never reaches the page: the
// storefront's own server (server-app.mjs) performs login, registration, refresh and
// logout against the router at /auth/*, keeps the refresh token in an HttpOnly,
// SameSite=Strict cookie and answers the access token. Refreshes are single-flight in
// the tab and, where the Web Locks API exists, serialised across tabs; the server
// serialises them per token as well (a refresh token is single-use and presenting a
// spent one revokes the whole session family).

export type SessionUser = { id: string; email: string; name: string };
export type UserError = { code: string; message: string; field?: string[] | null };
export type AuthAnswer = {
  accessToken?: string | null;
  accessTokenExpiresAt?: string | null;
  user?: SessionUser | null;
  userErrors: UserError[];
};

const EARLY_MS = 30_000;
/**
 * Not a token: "this browser signed in and has not signed out", so that a guest's page
 * does not wait for /auth/refresh before it reads the guest cart. The cookie itself is
 * invisible to scripts (HttpOnly).
 */
const SIGNED_IN_HINT = 'storegraph.signedIn';
const hinted = () => typeof localStorage !== 'undefined' && localStorage.getItem(SIGNED_IN_HINT) === '1';
function hint(on: boolean) {
  if (on) localStorage.setItem(SIGNED_IN_HINT, '1');
  else localStorage.removeItem(SIGNED_IN_HINT);
}

let access: { token: string; expiresAt: number } | null = null;
/** False once the server said there is no session: no refresh until the next sign-in. */
let mayRefresh = hinted();
let inFlight: Promise<SessionUser | null> | null = null;
let onChange: (user: SessionUser | null) => void = () => {};

/** Calls one of the storefront server's session endpoints. */
async function auth(path: string, body: unknown = {}): Promise<AuthAnswer> {
  const res = await fetch(`/auth/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => null)) as (AuthAnswer & { error?: string }) | null;
  if (!res.ok || !json) throw new Error(json?.error ?? `The store answered ${res.status}.`);
  return { ...json, userErrors: json.userErrors ?? [] };
}

function keep(answer: AuthAnswer): SessionUser | null {
  if (!answer.accessToken || !answer.user) return null;
  const expiresAt = answer.accessTokenExpiresAt ? Date.parse(answer.accessTokenExpiresAt) : Date.now() + 60_000;
  access = { token: answer.accessToken, expiresAt };
  mayRefresh = true;
  hint(true);
  return answer.user;
}

async function refreshOnce(): Promise<SessionUser | null> {
  try {
    const user = keep(await auth('refresh'));
    if (!user) {
      access = null;
      mayRefresh = false;
      hint(false);
    }
    return user;
  } catch {
    // The network or the store failed: the cookie is kept for the next attempt.
    access = null;
    return null;
  }
}

/** Refreshes the session; concurrent callers share one refresh. */
export function refresh(): Promise<SessionUser | null> {
  if (!inFlight) {
    const run = () => refreshOnce();
    const locked = typeof navigator !== 'undefined' && navigator.locks;
    const started: Promise<SessionUser | null> = locked
      ? (navigator.locks.request('storegraph-refresh', run) as unknown as Promise<SessionUser | null>)
      : run();
    inFlight = started.finally(() => {
      inFlight = null;
    });
  }
  return inFlight as Promise<SessionUser | null>;
}

setTokenSource({
  accessToken: async () => {
    if (access && access.expiresAt - EARLY_MS > Date.now()) return access.token;
    if (!access && !mayRefresh) return null;
    const user = await refresh();
    onChange(user);
    return access?.token ?? null;
  },
  onUnauthenticated: async () => {
    access = null;
    const user = await refresh();
    onChange(user);
    return user !== null;
  },
});

type Session = {
  status: 'loading' | 'guest' | 'signedIn';
  user: SessionUser | null;
  /**
   * Signs in; answers the userErrors (empty when signed in). `sameUser` (signing in
   * again after a password change) keeps the cache, whose data is still that user's.
   */
  login: (email: string, password: string, options?: { sameUser?: boolean }) => Promise<UserError[]>;
  register: (input: { email: string; password: string; name: string }) => Promise<UserError[]>;
  signOut: () => Promise<void>;
  /** The account's name or email changed. */
  updateUser: (user: SessionUser) => void;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<Session['status']>(() => (hinted() ? 'loading' : 'guest'));

  useEffect(() => {
    onChange = (next) => {
      setUser(next);
      setStatus(next ? 'signedIn' : 'guest');
    };
    // A reload of a signed-in page: the cookie gives a new access token.
    if (hinted()) refresh().then(onChange);
  }, []);

  const start = useCallback(
    async (answer: AuthAnswer) => {
      const signedIn = keep(answer);
      if (!signedIn)
        return answer.userErrors.length ? answer.userErrors : [{ code: 'FAILED', message: 'Please try again.' }];
      onChange(signedIn);
      await client.resetStore();
      return [];
    },
    [client],
  );
  const login = useCallback(
    (email: string, password: string) => auth('login', { email, password }).then(start),
    [start],
  );
  const register = useCallback(
    (input: { email: string; password: string; name: string }) =>
      auth('register', { input }).then((answer) => start(answer)),
    [start],
  );

  const signOut = useCallback(async () => {
    access = null;
    mayRefresh = false;
    hint(false);
    onChange(null);
    await auth('logout').catch(() => {});
    await client.clearStore();
  }, [client]);

  const updateUser = useCallback((next: SessionUser) => setUser(next), []);

  const value = useMemo(
    () => ({ status, user, login, register, signOut, updateUser }),
    [status, user, login, register, signOut, updateUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
