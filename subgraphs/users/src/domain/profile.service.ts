import { type UserError, unauthenticated, userError, type Viewer } from '@storegraph/graphql-kit';
import { checkEmail, checkName } from './account-input.js';
import { type AddressRequest, checkAddress, MAX_ADDRESSES } from './address-input.js';
import type { UserOutcome } from './auth.service.js';
import type { AddressBook, UserRecord, UserStore } from './user.records.js';

const accountGone = () => unauthenticated('This account no longer exists.');

/** The signed-in user's own profile and address book. */
export class ProfileService {
  constructor(
    private readonly users: UserStore,
    private readonly addresses: AddressBook,
  ) {}

  private async current(viewer: Viewer): Promise<UserRecord> {
    const [user] = await this.users.usersByIds([viewer.userId]);
    if (!user) throw accountGone();
    return user;
  }

  /** Changes name and/or email, validated as at registration; an absent field stays as it is. */
  async updateProfile(viewer: Viewer, input: { name?: string | null; email?: string | null }): Promise<UserOutcome> {
    const name = input.name == null ? null : checkName(input.name, ['input', 'name']);
    const email = input.email == null ? null : checkEmail(input.email, ['input', 'email']);
    const userErrors = [name?.error ?? null, email?.error ?? null].filter((e): e is UserError => e !== null);
    if (userErrors.length > 0) return { user: null, userErrors };

    const changes: { name?: string; email?: string } = {};
    if (name?.value) changes.name = name.value;
    if (email?.value) changes.email = email.value;
    if (Object.keys(changes).length === 0) return { user: await this.current(viewer), userErrors: [] };

    const result = await this.users.updateProfile(viewer.userId, changes);
    if (result.outcome === 'missing') throw accountGone();
    if (result.outcome === 'email-taken') {
      return {
        user: null,
        userErrors: [userError('EMAIL_TAKEN', 'An account with this email already exists.', ['input', 'email'])],
      };
    }
    return { user: result.user, userErrors: [] };
  }

  async addAddress(viewer: Viewer, input: AddressRequest): Promise<UserOutcome> {
    const { draft, errors } = checkAddress(input);
    if (!draft) return { user: null, userErrors: errors };
    const result = await this.addresses.add(viewer.userId, draft, {
      makeDefault: input.isDefault === true,
      max: MAX_ADDRESSES,
    });
    if (result.outcome === 'missing') throw accountGone();
    if (result.outcome === 'full') {
      return {
        user: null,
        userErrors: [userError('ADDRESS_LIMIT', `An address book holds at most ${MAX_ADDRESSES} addresses.`)],
      };
    }
    return { user: await this.current(viewer), userErrors: [] };
  }

  /** Deletes one of the viewer's own addresses; anyone else's is NOT_FOUND, as if it did not exist. */
  async deleteAddress(viewer: Viewer, addressId: string): Promise<UserOutcome> {
    const removed = await this.addresses.remove(viewer.userId, addressId);
    if (!removed) return { user: null, userErrors: [userError('NOT_FOUND', 'No such address.', ['id'])] };
    return { user: await this.current(viewer), userErrors: [] };
  }
}
