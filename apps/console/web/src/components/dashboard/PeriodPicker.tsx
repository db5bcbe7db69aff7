import { useState, type FormEvent } from 'react';
import { addDays, shopToday } from '../../merchant/period.js';

export const PRESETS = [7, 30, 90] as const;
const MAX_DAYS = 366;

export type PeriodChoice = { days: number } | { first: string; last: string };

/** The dashboard's period: the last 7, 30 or 90 days, or two chosen days (both included). */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (choice: PeriodChoice) => void }) {
  const today = shopToday();
  const [first, setFirst] = useState('first' in value ? value.first : addDays(today, -29));
  const [last, setLast] = useState('last' in value ? value.last : today);
  const [error, setError] = useState<string | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const span = first && last ? (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1 : Number.NaN;
    if (!(span >= 1)) return setError('Escolha o primeiro e o último dia, o primeiro antes do último.');
    if (span > MAX_DAYS) return setError('O período pode ter até 366 dias.');
    setError(null);
    onChange({ first, last });
  };

  return (
    <div className="period">
      <div className="filters" role="group" aria-label="Período">
        {PRESETS.map((days) => (
          <button key={days} type="button" className="chip" aria-pressed={'days' in value && value.days === days} onClick={() => onChange({ days })}>
            Últimos {days} dias
          </button>
        ))}
      </div>
      <form className="period-custom" onSubmit={apply} aria-label="Escolher as datas">
        <div className="field">
          <label htmlFor="period-first">De</label>
          <input id="period-first" type="date" value={first} max={today} onChange={(e) => setFirst(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="period-last">Até</label>
          <input id="period-last" type="date" value={last} max={today} onChange={(e) => setLast(e.target.value)} />
        </div>
        <button type="submit" className="button">
          Ver período
        </button>
        {error && (
          <p role="alert" className="field-error period-error">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
