import { randomBytes } from 'node:crypto';
import { type UserError, unauthenticated, userError, type Viewer } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { checkEmail, checkName } from './account-input.js';
import type { LoginThrottle } from './login-throttle.js';
import { checkPassword } from './password-policy.js';
import type { Session, SessionService } from './session.service.js';
import {
  normaliseEmail,
  type PasswordHasher,
  type UserCredentials,
  type UserRecord,
  type UserStore,
} from './user.records.js';

export interface AuthOutcome {
  session: Session | null;
  userErrors: UserError[];
}

export interface UserOutcome {
  user: UserRecord | null;
  userErrors: UserError[];
}

const INVALID_CREDENTIALS = 'INVALID_CREDENTIALS';

function withoutHash(credentials: UserCredentials): UserRecord {
  const { id, email, name, role, createdAt } = credentials;
  return { id, email, name, role, createdAt };
}

function tooManyAttempts(retryAfterSeconds: number, field: string[] | null = null): UserError {
  const unit = retryAfterSeconds === 1 ? 'second' : 'seconds';
  return userError(
    'TOO_MANY_ATTEMPTS',
    `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} ${unit}.`,
    field,
  );
}

/**
 * Registration, sign-in and password changes. Passwords are only ever hashed or
 * verified here; they are never logged or returned.
 */
export class AuthService {
  /**
   * Verified when the email has no account, so that an unknown email costs the same
   * argon2 work as a wrong password: response times do not tell which accounts exist.
   */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly users: UserStore,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly logger: Logger,
  ) {
    this.dummyHash = hasher.hash(randomBytes(32).toString('base64url'));
  }

  /** A new CUSTOMER account, signed in. The role is never taken from input. */
  async register(input: { email: string; password: string; name: string }): Promise<AuthOutcome> {
    const email = checkEmail(input.email, ['input', 'email']);
    const name = checkName(input.name, ['input', 'name']);
    const weak = checkPassword(input.password, normaliseEmail(input.email), ['input', 'password']);
    const userErrors = [email.error, name.error, weak].filter((e): e is UserError => e !== null);
    if (email.value === null || name.value === null || userErrors.length > 0) return { session: null, userErrors };

    const user = await this.users.createCustomer({
      email: email.value,
      name: name.value,
      passwordHash: await this.hasher.hash(input.password),
    });
    if (!user) {
      return {
        session: null,
        userErrors: [userError('EMAIL_TAKEN', 'An account with this email already exists.', ['input', 'email'])],
      };
    }
    this.logger.info({ userId: user.id }, 'account registered');
    return { session: await this.sessions.start(user), userErrors: [] };
  }

  /**
   * Signs in. An unknown email and a wrong password get the same answer after the
   * same work; a throttled attempt is answered at once, without checking the password.
   */
  async login(rawEmail: string, password: string, clientIp: string | null): Promise<AuthOutcome> {
    const subjects = { email: normaliseEmail(rawEmail), ip: clientIp };
    const verdict = await this.throttle.attempt(subjects);
    if (!verdict.allowed) {
      this.logger.info({ retryAfterSeconds: verdict.retryAfterSeconds }, 'sign-in refused by the throttle');
      return { session: null, userErrors: [tooManyAttempts(verdict.retryAfterSeconds)] };
    }
    const user = await this.users.credentialsByEmail(subjects.email);
    const matches = await this.verify(user, password);
    if (!user || !matches) {
      this.logger.info({ userId: user?.id ?? null }, 'sign-in failed');
      return {
        session: null,
        userErrors: [userError(INVALID_CREDENTIALS, 'Incorrect email or password.')],
      };
    }
    await this.throttle.succeeded(subjects);
    this.logger.info({ userId: user.id }, 'signed in');
    return { session: await this.sessions.start(withoutHash(user)), userErrors: [] };
  }

  /**
   * Changes the password of the signed-in user and ends every session of theirs
   * (all refresh tokens are revoked, this device's too): whoever knew the old
   * password must not stay signed in. Access tokens already issued run out on their own.
   */
  async changePassword(
    viewer: Viewer,
    currentPassword: string,
    newPassword: string,
    clientIp: string | null,
  ): Promise<UserOutcome> {
    const user = await this.users.credentialsById(viewer.userId);
    if (!user) throw unauthenticated('This account no longer exists.');
    // Guessing the current password with a stolen access token counts like guessing at sign-in.
    const subjects = { email: user.email, ip: clientIp };
    const verdict = await this.throttle.attempt(subjects);
    if (!verdict.allowed) {
      return { user: null, userErrors: [tooManyAttempts(verdict.retryAfterSeconds, ['currentPassword'])] };
    }
    if (!(await this.verify(user, currentPassword))) {
      return {
        user: null,
        userErrors: [userError(INVALID_CREDENTIALS, 'The current password is incorrect.', ['currentPassword'])],
      };
    }
    await this.throttle.succeeded(subjects);
    const weak = checkPassword(newPassword, user.email, ['newPassword']);
    if (weak) return { user: null, userErrors: [weak] };
    await this.users.replacePassword(user.id, await this.hasher.hash(newPassword));
    this.logger.info({ userId: user.id }, 'password changed; every refresh token of the account revoked');
    return { user: withoutHash(user), userErrors: [] };
  }

  /** Whether the password matches; a missing account or an unreadable hash never does. */
  private async verify(user: UserCredentials | null, password: string): Promise<boolean> {
    const hash = user?.passwordHash ?? (await this.dummyHash);
    try {
      return (await this.hasher.verify(hash, password)) && user !== null;
    } catch {
      // The error is not logged: it could quote the stored hash.
      this.logger.warn({ userId: user?.id ?? null }, 'stored password hash could not be read');
      return false;
    }
  }
}
