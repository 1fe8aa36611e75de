import { useQuery } from '@apollo/client/react';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { graphql } from '../gql';
import { navigate, useLocation } from '../router';

const Suggestions = graphql(`
  query SearchSuggestions($prefix: String!) {
    searchSuggestions(prefix: $prefix, limit: 6) {
      text
      product { id slug title }
    }
  }
`);

/** A combobox: suggestions for every keystroke (debounced a little), arrow keys to pick. */
export function SearchBox() {
  const { pathname, search } = useLocation();
  const [text, setText] = useState(pathname === '/search' ? (search.get('q') ?? '') : '');
  const [prefix, setPrefix] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();

  useEffect(() => {
    const timer = setTimeout(() => setPrefix(text.trim()), 120);
    return () => clearTimeout(timer);
  }, [text]);
  const { data } = useQuery(Suggestions, {
    variables: { prefix },
    skip: prefix.length < 2,
    fetchPolicy: 'cache-first',
  });
  const items = prefix.length >= 2 ? (data?.searchSuggestions ?? []) : [];

  const go = (index: number) => {
    const item = items[index];
    setOpen(false);
    if (item?.product) navigate(`/p/${encodeURIComponent(item.product.slug)}`);
    else navigate(`/search?q=${encodeURIComponent(item?.text ?? text.trim())}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (active >= 0) return go(active);
    if (text.trim()) go(-1);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && items.length > 0;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader; the role is
    <form className="search-box" role="search" onSubmit={submit}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search products
      </label>
      <input
        id={`${id}-input`}
        type="search"
        placeholder="Search products"
        autoComplete="off"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKey}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <button type="submit" className="button">
        Search
      </button>
      <div id={`${id}-list`} role="listbox" className="suggestions" hidden={!expanded} aria-label="Suggestions">
        {items.map((item, i) => (
          <div
            key={`${item.text}-${item.product?.id ?? ''}`}
            tabIndex={-1}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              go(i);
            }}
          >
            {item.product ? item.product.title : item.text}
            {item.product && <span className="muted"> product</span>}
          </div>
        ))}
      </div>
    </form>
  );
}
