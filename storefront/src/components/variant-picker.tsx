export type PickerVariant = {
  id: string;
  availableForSale: boolean;
  selectedOptions: Array<{ name: string; value: string }>;
};
export type PickerOption = { name: string; values: string[] };

/** The variant whose options are exactly the selection, if any. */
export function findVariant<V extends PickerVariant>(variants: V[], selection: Record<string, string>): V | undefined {
  return variants.find((v) => v.selectedOptions.every((o) => selection[o.name] === o.value));
}

/** The first variant for sale (else the first) as a starting selection. */
export function initialSelection(variants: PickerVariant[]): Record<string, string> {
  const start = variants.find((v) => v.availableForSale) ?? variants[0];
  return Object.fromEntries((start?.selectedOptions ?? []).map((o) => [o.name, o.value]));
}

type Props = {
  options: PickerOption[];
  variants: PickerVariant[];
  selection: Record<string, string>;
  onChange: (selection: Record<string, string>) => void;
};

/**
 * One radio group per option (color, size, ...). A value that no variant offers with
 * the other current choices is shown unavailable (still selectable, so a shopper can
 * change the other option next), and one with no stock is struck through.
 */
export function VariantPicker({ options, variants, selection, onChange }: Props) {
  return (
    <div className="variant-picker">
      {options.map((option) => (
        <fieldset key={option.name} className="option">
          <legend>
            {option.name}: <strong>{selection[option.name] ?? 'choose'}</strong>
          </legend>
          <div className="chips">
            {option.values.map((value) => {
              const candidate = findVariant(variants, { ...selection, [option.name]: value });
              const state = !candidate ? 'unavailable' : candidate.availableForSale ? 'available' : 'soldout';
              const id = `opt-${option.name}-${value}`.replace(/[^\w-]/g, '_');
              return (
                <span key={value} className={`chip chip-${state}`}>
                  <input
                    type="radio"
                    id={id}
                    name={`option-${option.name}`}
                    value={value}
                    checked={selection[option.name] === value}
                    onChange={() => onChange({ ...selection, [option.name]: value })}
                  />
                  <label htmlFor={id}>
                    {value}
                    {state !== 'available' && (
                      <span className="visually-hidden">
                        {state === 'soldout' ? ' (sold out)' : ' (not available with this choice)'}
                      </span>
                    )}
                  </label>
                </span>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
