import { useApolloClient } from '@apollo/client/react';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { rawOperation, setTokenSource } from './transport';

// Tokens: the access token lives only in this module's memory (never in storage, so
// a page reload asks for a new one); the refresh token, which the API returns in the
// response body, is kept in localStorage so a session survives a reload. Refreshes are
// single-flight and, where the Web Locks API exists, serialised across tabs: a refresh
// token is single-use and presenting a spent one revokes the whole session family.

export type SessionUser = { id: string; email: string; name: string };
export type AuthResult = {
  accessToken?: string | null;
  refreshToken?: string | null;
  accessTokenExpiresAt?: string | null;
  user?: SessionUser | null;
};

const REFRESH_KEY = 'storegraph.refreshToken';
const EARLY_MS = 30_000;

let access: { token: string; expiresAt: number } | null = null;
let inFlight: Promise<SessionUser | null> | null = null;
let onChange: (user: SessionUser | null) => void = () => {};

const REFRESH = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken refreshToken accessTokenExpiresAt
    user { id email name }
    userErrors { code message }
  }
}`;

function store(result: AuthResult): SessionUser | null {
  if (!result.accessToken || !result.refreshToken || !result.user) return null;
  const expiresAt = result.accessTokenExpiresAt ? Date.parse(result.accessTokenExpiresAt) : Date.now() + 60_000;
  access = { token: result.accessToken, expiresAt };
  localStorage.setItem(REFRESH_KEY, result.refreshToken);
  return result.user;
}

function forget() {
  access = null;
  localStorage.removeItem(REFRESH_KEY);
}

async function refreshOnce(): Promise<SessionUser | null> {
  const token = localStorage.getItem(REFRESH_KEY);
  if (!token) return null;
  try {
    const data = await rawOperation<{ refreshSession: AuthResult }>(REFRESH, 'RefreshSession', {
      refreshToken: token,
    });
    const user = store(data.refreshSession);
    if (!user && localStorage.getItem(REFRESH_KEY) === token) forget();
    return user;
  } catch {
    // The network failed: keep the refresh token for the next attempt.
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
    if (!localStorage.getItem(REFRESH_KEY)) return null;
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
  /** Stores the tokens of a register/login answer; returns the user or null. */
  signIn: (result: AuthResult) => Promise<SessionUser | null>;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<Session['status']>(() =>
    localStorage.getItem(REFRESH_KEY) ? 'loading' : 'guest',
  );

  useEffect(() => {
    onChange = (next) => {
      setUser(next);
      setStatus(next ? 'signedIn' : 'guest');
    };
    if (localStorage.getItem(REFRESH_KEY)) refresh().then(onChange);
  }, []);

  const signIn = useCallback(
    async (result: AuthResult) => {
      const signedIn = store(result);
      onChange(signedIn);
      await client.resetStore();
      return signedIn;
    },
    [client],
  );

  const signOut = useCallback(async () => {
    const token = localStorage.getItem(REFRESH_KEY);
    forget();
    onChange(null);
    if (token) {
      await rawOperation(`mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`, 'Logout', {
        refreshToken: token,
      }).catch(() => {});
    }
    await client.clearStore();
  }, [client]);

  const value = useMemo(() => ({ status, user, signIn, signOut }), [status, user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
