import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { type GqlOptions, gql } from './users-server.js';

const AUTH_FIELDS = `accessToken refreshToken accessTokenExpiresAt
  user { id email name role } userErrors { field message code }`;
const USER_FIELDS = `user { id email name role addresses { id name line1 line2 city region postalCode country phone isDefault } }
  userErrors { field message code }`;

export const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
export const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`;
export const LOGOUT = 'mutation($t: String!) { logout(refreshToken: $t) }';
export const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { ${USER_FIELDS} } }`;
export const CHANGE_PASSWORD = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) { ${USER_FIELDS} } }`;
export const ADDRESS_ADD = `mutation($input: AddressInput!) { addressAdd(input: $input) { ${USER_FIELDS} } }`;
export const ADDRESS_DELETE = `mutation($id: ID!) { addressDelete(id: $id) { ${USER_FIELDS} } }`;

export const PASSWORD = 'plum-Tractor-42-orbit';

/** An email no other test uses. */
export const uniqueEmail = (tag: string) => `${tag}.${randomBytes(4).toString('hex')}@example.com`;

/** A client address no other test uses, so that per-IP counts never mix. */
export const uniqueIp = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export const claimsOf = (token: string) => ({ header: decodeProtectedHeader(token), payload: decodeJwt(token) });

/** Registers a customer and answers the register payload, failing loudly on userErrors. */
export async function registered(url: string, email = uniqueEmail('user'), password = PASSWORD, name = 'Test User') {
  const res = await gql(url, REGISTER, { input: { email, password, name } }, { ip: uniqueIp() });
  const payload = res.data?.register;
  if (!payload?.user) throw new Error(`registration failed: ${JSON.stringify(res)}`);
  return payload as {
    accessToken: string;
    refreshToken: string;
    accessTokenExpiresAt: string;
    user: { id: string; email: string; name: string; role: string };
  };
}

export async function login(url: string, email: string, password: string, options: GqlOptions = {}) {
  const res = await gql(url, LOGIN, { email, password }, { ip: uniqueIp(), ...options });
  return res.data.login;
}

export async function refresh(url: string, token: string) {
  const res = await gql(url, REFRESH, { t: token });
  return res.data.refreshSession;
}

export const customer = (userId: string) => ({ userId, role: 'CUSTOMER' as const, scopes: ['customer'] });
