import { type FormEvent, useEffect, useState } from 'react';
import { isPriceBound } from '../listing-state';

export type FacetData = {
  name: string;
  label: string;
  values: Array<{ value: string; label: string; count: number; selected: boolean }>;
};

type Props = {
  facets: FacetData[];
  /** Facets not to show (the category page hides nothing, but a name may be fixed by the page). */
  hidden?: string[];
  min: string;
  max: string;
  onToggle: (name: string, value: string) => void;
  onPriceRange: (min: string, max: string) => void;
};

const RATING_LABEL = (value: string) => `${value}★ & up`;

/** Facets as groups of checkboxes with counts (multi-select), and a custom price range. */
export function FacetPanel({ facets, hidden = [], min, max, onToggle, onPriceRange }: Props) {
  const [from, setFrom] = useState(min);
  const [to, setTo] = useState(max);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setFrom(min);
    setTo(max);
  }, [min, max]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isPriceBound(from) || !isPriceBound(to)) return setError('Enter prices like 25 or 19.99.');
    if (from && to && Number(from) > Number(to)) return setError('The lowest price must not exceed the highest.');
    setError(null);
    onPriceRange(from, to);
  };

  return (
    <div className="facets">
      {facets
        .filter((f) => !hidden.includes(f.name) && f.values.length > 0)
        .map((facet) => (
          <fieldset key={facet.name} className="facet">
            <legend>{facet.label}</legend>
            {facet.values.map((v) => {
              const id = `facet-${facet.name}-${v.value}`.replace(/[^\w-]/g, '_');
              return (
                <div key={v.value} className="facet-value">
                  <input id={id} type="checkbox" checked={v.selected} onChange={() => onToggle(facet.name, v.value)} />
                  <label htmlFor={id}>
                    {facet.name === 'rating' ? RATING_LABEL(v.value) : v.label}{' '}
                    <span className="count">({v.count})</span>
                  </label>
                </div>
              );
            })}
          </fieldset>
        ))}
      <form className="facet price-range" onSubmit={submit} aria-label="Price range" noValidate>
        <fieldset>
          <legend>Price range</legend>
          <label>
            Min
            <input inputMode="decimal" value={from} onChange={(e) => setFrom(e.target.value)} size={6} />
          </label>
          <label>
            Max
            <input inputMode="decimal" value={to} onChange={(e) => setTo(e.target.value)} size={6} />
          </label>
          <button type="submit" className="button secondary">
            Apply
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </fieldset>
      </form>
    </div>
  );
}
