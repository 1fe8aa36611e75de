import { type FormEvent, useId, useState } from 'react';

export type AddressValues = {
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
};

export const EMPTY_ADDRESS: AddressValues = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'US',
  phone: '',
};

export type AddressErrors = Partial<Record<keyof AddressValues, string>>;

/** The same rules the users service applies, checked before anything is sent. */
export function validateAddress(a: AddressValues): AddressErrors {
  const errors: AddressErrors = {};
  if (!a.name.trim()) errors.name = 'Enter the recipient’s name.';
  if (!a.line1.trim()) errors.line1 = 'Enter the street address.';
  if (!a.city.trim()) errors.city = 'Enter the city.';
  if (!a.postalCode.trim()) errors.postalCode = 'Enter the postal code.';
  else if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(a.postalCode.trim()))
    errors.postalCode = 'Enter a valid postal code.';
  if (!/^[A-Za-z]{2}$/.test(a.country.trim())) errors.country = 'Use a two-letter country code, e.g. US or GB.';
  if (a.phone.trim() && !/^\+?[0-9 ()-]{6,20}$/.test(a.phone.trim())) errors.phone = 'Enter a valid phone number.';
  return errors;
}

const FIELDS: Array<{ key: keyof AddressValues; label: string; autoComplete: string; optional?: boolean }> = [
  { key: 'name', label: 'Full name', autoComplete: 'name' },
  { key: 'line1', label: 'Address', autoComplete: 'address-line1' },
  { key: 'line2', label: 'Apartment, suite (optional)', autoComplete: 'address-line2', optional: true },
  { key: 'city', label: 'City', autoComplete: 'address-level2' },
  { key: 'region', label: 'State / region (optional)', autoComplete: 'address-level1', optional: true },
  { key: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
  { key: 'country', label: 'Country code', autoComplete: 'country' },
  { key: 'phone', label: 'Phone (optional)', autoComplete: 'tel', optional: true },
];

type Props = {
  initial?: AddressValues;
  submitLabel: string;
  /** Errors the server reported, by field. */
  serverErrors?: AddressErrors;
  busy?: boolean;
  onSubmit: (address: AddressValues) => void;
  /** Extra fields rendered before the address (checkout puts the email there). */
  children?: React.ReactNode;
  /** Told of every change of the values (checkout quotes a valid address as it is typed). */
  onChange?: (address: AddressValues) => void;
  /** Shows no address fields and submits `initial` as it is (a saved address chosen at checkout). */
  fieldsHidden?: boolean;
};

/** An address form validated on submit; the first invalid field takes the focus. */
export function AddressForm({
  initial = EMPTY_ADDRESS,
  submitLabel,
  serverErrors = {},
  busy,
  onSubmit,
  children,
  onChange,
  fieldsHidden = false,
}: Props) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<AddressErrors>({});
  const prefix = useId();
  const shown = { ...serverErrors, ...errors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateAddress(values);
    setErrors(found);
    const first = FIELDS.find((f) => found[f.key]);
    if (first) {
      document.getElementById(`${prefix}-${first.key}`)?.focus();
      return;
    }
    onSubmit({ ...values, country: values.country.trim().toUpperCase() });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {children}
      {(fieldsHidden ? [] : FIELDS).map((f) => {
        const id = `${prefix}-${f.key}`;
        const error = shown[f.key];
        return (
          <div key={f.key} className="field">
            <label htmlFor={id}>{f.label}</label>
            <input
              id={id}
              name={f.key}
              autoComplete={f.autoComplete}
              value={values[f.key]}
              required={!f.optional}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => {
                const next = { ...values, [f.key]: e.target.value };
                setValues(next);
                onChange?.(next);
              }}
            />
            {error && (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Please wait…' : submitLabel}
      </button>
    </form>
  );
}
