import { useId } from 'react';

export type SavedAddress = {
  id: string;
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  phone?: string | null;
  isDefault: boolean;
};

export const NEW_ADDRESS = 'new';

/** One line of an address, for labels. */
export const addressLine = (a: SavedAddress) =>
  [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter(Boolean).join(', ');

/** The choice, at checkout, between the account's saved addresses and a new one. */
export function SavedAddressChoice({
  addresses,
  value,
  onChange,
}: {
  addresses: SavedAddress[];
  /** An address id, or NEW_ADDRESS. */
  value: string;
  onChange: (value: string) => void;
}) {
  const name = useId();
  return (
    <fieldset className="saved-addresses">
      <legend>Ship to</legend>
      {addresses.map((a) => (
        <label key={a.id} className="choice">
          <input type="radio" name={name} value={a.id} checked={value === a.id} onChange={() => onChange(a.id)} />{' '}
          {addressLine(a)}
          {a.isDefault && <span className="badge">Default</span>}
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name={name}
          value={NEW_ADDRESS}
          checked={value === NEW_ADDRESS}
          onChange={() => onChange(NEW_ADDRESS)}
        />{' '}
        A new address
      </label>
    </fieldset>
  );
}

/** The address the choice starts on: the default one, else the first, else a new one. */
export function initialChoice(addresses: SavedAddress[]): string {
  return (addresses.find((a) => a.isDefault) ?? addresses[0])?.id ?? NEW_ADDRESS;
}
