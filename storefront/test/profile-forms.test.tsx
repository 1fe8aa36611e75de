import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangePassword, PasswordForm, ProfileForm, UpdateProfile } from '../src/components/profile-forms';

const session = { updateUser: vi.fn(), login: vi.fn(async () => [] as unknown[]) };
vi.mock('../src/session', () => ({ useSession: () => session }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const user = { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' };
const error = (code: string, message: string, field: string[]) => ({
  __typename: 'UserError' as const,
  code,
  message,
  field,
});

describe('ProfileForm', () => {
  it('checks name and email before sending, and focuses the first invalid field', () => {
    render(
      <MockedProvider mocks={[]}>
        <ProfileForm user={user} />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' ' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByText('Enter a valid email address.')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('sends only what changed, shows the server’s errors on their fields, then saves', async () => {
    const sent: unknown[] = [];
    const onSaved = vi.fn();
    const answer = (result: { data: Record<string, unknown> }) => ({
      request: {
        query: UpdateProfile,
        variables: (vars: Record<string, unknown>) => {
          sent.push(vars);
          return true;
        },
      },
      result,
    });
    const taken = answer({
      data: {
        updateProfile: {
          __typename: 'UserPayload' as const,
          user: null,
          userErrors: [error('EMAIL_TAKEN', 'An account with this email already exists.', ['input', 'email'])],
        },
      },
    });
    const saved = answer({
      data: {
        updateProfile: {
          __typename: 'UserPayload' as const,
          user: { __typename: 'User' as const, id: 'u1', name: 'Ada King', email: 'ada@example.com' },
          userErrors: [],
        },
      },
    });
    render(
      <MockedProvider mocks={[taken, saved]}>
        <ProfileForm user={user} onSaved={onSaved} />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'grace@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await screen.findByText('An account with this email already exists.');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({ input: { name: null, email: 'grace@example.com' } });

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ada King' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await screen.findByText('Your profile was saved.');
    expect(sent[1]).toEqual({ input: { name: 'Ada King', email: null } });
    expect(session.updateUser).toHaveBeenCalledWith({ id: 'u1', name: 'Ada King', email: 'ada@example.com' });
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('PasswordForm', () => {
  const answer = (userErrors: unknown[]) => ({
    request: { query: ChangePassword, variables: () => true },
    result: {
      data: {
        changePassword: {
          __typename: 'UserPayload' as const,
          user: userErrors.length ? null : { __typename: 'User' as const, id: 'u1' },
          userErrors,
        },
      },
    },
  });

  it('refuses a short new password before sending', () => {
    render(
      <MockedProvider mocks={[]}>
        <PasswordForm email="ada@example.com" />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old password 1' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByText('Use a password of at least 10 characters.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('New password'));
  });

  it('shows a wrong current password on its field; after a change, signs in again with the new password', async () => {
    render(
      <MockedProvider
        mocks={[
          answer([error('INVALID_CREDENTIALS', 'The current password is incorrect.', ['currentPassword'])]),
          answer([]),
        ]}
      >
        <PasswordForm email="ada@example.com" />
      </MockedProvider>,
    );
    const fill = (current: string) => {
      fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
      fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a much longer secret 42' } });
      fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    };
    fill('wrong password 1');
    await screen.findByText('The current password is incorrect.');
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(session.login).not.toHaveBeenCalled();
    fill('right password 1');
    await screen.findByText('Your password was changed.');
    expect(session.login).toHaveBeenCalledWith('ada@example.com', 'a much longer secret 42', { sameUser: true });
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });
});
