import { useMutation } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { graphql } from '../gql';
import { type UserError, useSession } from '../session';

export const UpdateProfile = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      user { id name email }
      userErrors { code message field }
    }
  }
`);

export const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      user { id }
      userErrors { code message field }
    }
  }
`);

type Errors = Record<string, string>;

/** userErrors by the input field they name (the last path element); the rest under `form`. */
function byField(errors: UserError[], fields: string[]): Errors {
  const out: Errors = {};
  for (const e of errors) {
    const key = e.field?.at(-1);
    const at = key && fields.includes(key) ? key : 'form';
    out[at] = out[at] ? `${out[at]} ${e.message}` : e.message;
  }
  return out;
}

function Field({
  id,
  name,
  label,
  type = 'text',
  autoComplete,
  error,
  hint,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
}) {
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="muted">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

const focusFirst = (prefix: string, errors: Errors, order: string[]) => {
  const first = order.find((key) => errors[key]);
  if (first) document.getElementById(`${prefix}-${first}`)?.focus();
};

/** Name and email of the account (`updateProfile`), checked here first, server errors on their fields. */
export function ProfileForm({
  user,
  onSaved,
}: {
  user: { id: string; name: string; email: string };
  /** Told after a save (the account page reads the account again). */
  onSaved?: () => unknown;
}) {
  const { updateUser } = useSession();
  const [update, { loading }] = useMutation(UpdateProfile);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const found: Errors = {};
    if (!name) found.name = 'Enter your name.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) found.email = 'Enter a valid email address.';
    if (Object.keys(found).length) {
      setErrors(found);
      focusFirst(id, found, ['name', 'email']);
      return;
    }
    try {
      const { data } = await update({
        variables: { input: { name: name === user.name ? null : name, email: email === user.email ? null : email } },
      });
      const result = data?.updateProfile;
      const problems = result ? byField(result.userErrors, ['name', 'email']) : { form: 'Please try again.' };
      setErrors(problems);
      if (Object.keys(problems).length) {
        focusFirst(id, problems, ['name', 'email']);
        return;
      }
      if (result?.user) updateUser({ id: result.user.id, name: result.user.name, email: result.user.email });
      setSaved(true);
      await onSaved?.();
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : 'Please try again.' });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Edit your profile</h3>
      <Field
        id={`${id}-name`}
        name="name"
        label="Name"
        autoComplete="name"
        defaultValue={user.name}
        error={errors.name}
      />
      <Field
        id={`${id}-email`}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        defaultValue={user.email}
        error={errors.email}
      />
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {saved && (
        <p className="status" role="status">
          Your profile was saved.
        </p>
      )}
      <button type="submit" className="button" disabled={loading}>
        {loading ? 'Please wait…' : 'Save profile'}
      </button>
    </form>
  );
}

/**
 * `changePassword`. The users service ends every session of the account when the
 * password changes, this one included, so the page signs in again with the new one.
 */
export function PasswordForm({ email }: { email: string }) {
  const { login } = useSession();
  const [change, { loading }] = useMutation(ChangePassword);
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const found: Errors = {};
    if (!currentPassword) found.currentPassword = 'Enter your current password.';
    if (newPassword.length < 10) found.newPassword = 'Use a password of at least 10 characters.';
    else if (newPassword === currentPassword) found.newPassword = 'Choose a password other than the current one.';
    if (Object.keys(found).length) {
      setErrors(found);
      focusFirst(id, found, ['currentPassword', 'newPassword']);
      return;
    }
    try {
      const { data } = await change({ variables: { currentPassword, newPassword } });
      const result = data?.changePassword;
      const problems = result
        ? byField(result.userErrors, ['currentPassword', 'newPassword'])
        : { form: 'Please try again.' };
      setErrors(problems);
      if (Object.keys(problems).length) {
        focusFirst(id, problems, ['currentPassword', 'newPassword']);
        return;
      }
      formElement.reset();
      const again = await login(email, newPassword, { sameUser: true });
      if (again.length) setErrors({ form: 'Your password was changed. Please sign in again.' });
      else setDone(true);
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : 'Please try again.' });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Change your password</h3>
      <Field
        id={`${id}-currentPassword`}
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <Field
        id={`${id}-newPassword`}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, not a common password. Your other devices will be signed out."
        error={errors.newPassword}
      />
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {done && (
        <p className="status" role="status">
          Your password was changed.
        </p>
      )}
      <button type="submit" className="button" disabled={loading}>
        {loading ? 'Please wait…' : 'Change password'}
      </button>
    </form>
  );
}
