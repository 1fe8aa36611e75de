import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddressForm, EMPTY_ADDRESS, validateAddress } from '../src/components/address-form';
import { type FacetData, FacetPanel } from '../src/components/facet-panel';
import { findVariant, initialSelection, VariantPicker } from '../src/components/variant-picker';

afterEach(cleanup);

const facets: FacetData[] = [
  {
    name: 'brand',
    label: 'Brand',
    values: [
      { value: 'acme', label: 'Acme', count: 12, selected: true },
      { value: 'globex', label: 'Globex', count: 4, selected: false },
    ],
  },
  { name: 'rating', label: 'Rating', values: [{ value: '4', label: '4', count: 7, selected: false }] },
];

describe('FacetPanel', () => {
  it('lists values with counts as labelled checkboxes reflecting the selection', () => {
    render(<FacetPanel facets={facets} min="" max="" onToggle={() => {}} onPriceRange={() => {}} />);
    expect(screen.getByRole('group', { name: 'Brand' })).toBeTruthy();
    const acme = screen.getByRole('checkbox', { name: /Acme \(12\)/ }) as HTMLInputElement;
    const globex = screen.getByRole('checkbox', { name: /Globex \(4\)/ }) as HTMLInputElement;
    expect(acme.checked).toBe(true);
    expect(globex.checked).toBe(false);
    expect(screen.getByRole('checkbox', { name: /4★ & up \(7\)/ })).toBeTruthy();
  });

  it('reports the toggled facet value', () => {
    const onToggle = vi.fn();
    render(<FacetPanel facets={facets} min="" max="" onToggle={onToggle} onPriceRange={() => {}} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /Globex/ }));
    expect(onToggle).toHaveBeenCalledWith('brand', 'globex');
  });

  it('validates a custom price range before applying it', () => {
    const onPriceRange = vi.fn();
    render(<FacetPanel facets={[]} min="" max="" onToggle={() => {}} onPriceRange={onPriceRange} />);
    fireEvent.change(screen.getByLabelText('Min'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('Max'), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert').textContent).toMatch(/must not exceed/);
    expect(onPriceRange).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Max'), { target: { value: '120.50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onPriceRange).toHaveBeenCalledWith('80', '120.50');
  });
});

const variants = [
  {
    id: 'v1',
    availableForSale: false,
    selectedOptions: [
      { name: 'Color', value: 'Red' },
      { name: 'Size', value: 'S' },
    ],
  },
  {
    id: 'v2',
    availableForSale: true,
    selectedOptions: [
      { name: 'Color', value: 'Red' },
      { name: 'Size', value: 'M' },
    ],
  },
  {
    id: 'v3',
    availableForSale: true,
    selectedOptions: [
      { name: 'Color', value: 'Blue' },
      { name: 'Size', value: 'S' },
    ],
  },
];
const options = [
  { name: 'Color', values: ['Red', 'Blue'] },
  { name: 'Size', values: ['S', 'M'] },
];

describe('VariantPicker', () => {
  it('starts on the first variant for sale and finds variants by their options', () => {
    expect(initialSelection(variants)).toEqual({ Color: 'Red', Size: 'M' });
    expect(findVariant(variants, { Color: 'Blue', Size: 'S' })?.id).toBe('v3');
    expect(findVariant(variants, { Color: 'Blue', Size: 'M' })).toBeUndefined();
  });

  it('offers one radio group per option and marks sold-out and impossible combinations', () => {
    const onChange = vi.fn();
    render(
      <VariantPicker
        options={options}
        variants={variants}
        selection={{ Color: 'Red', Size: 'M' }}
        onChange={onChange}
      />,
    );
    expect(screen.getByRole('group', { name: /Color/ })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'M' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('radio', { name: 'S (sold out)' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Blue (not available with this choice)' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Blue/ }));
    expect(onChange).toHaveBeenCalledWith({ Color: 'Blue', Size: 'M' });
  });
});

describe('AddressForm', () => {
  it('validates like the server: required fields, postal code, two-letter country, phone', () => {
    expect(validateAddress(EMPTY_ADDRESS)).toMatchObject({
      name: expect.any(String),
      line1: expect.any(String),
      city: expect.any(String),
      postalCode: expect.any(String),
    });
    const ok = { ...EMPTY_ADDRESS, name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '12345' };
    expect(validateAddress(ok)).toEqual({});
    expect(validateAddress({ ...ok, country: 'USA' }).country).toMatch(/two-letter/);
    expect(validateAddress({ ...ok, phone: 'call me' }).phone).toBeTruthy();
  });

  it('shows errors next to their fields, focuses the first, and submits only a valid address', () => {
    const onSubmit = vi.fn();
    render(<AddressForm submitLabel="Continue" onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const name = screen.getByLabelText('Full name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/name/);
    fireEvent.change(name, { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Main St' } });
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Springfield' } });
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '12345' } });
    fireEvent.change(screen.getByLabelText('Country code'), { target: { value: 'gb' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ada Lovelace', country: 'GB' }));
  });

  it('shows errors the server reported', () => {
    render(<AddressForm submitLabel="Save" serverErrors={{ country: 'Unknown country code.' }} onSubmit={() => {}} />);
    expect(screen.getByText('Unknown country code.')).toBeTruthy();
  });
});
