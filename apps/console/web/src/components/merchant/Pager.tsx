import { formatCount } from '../../format.js';

type Props = { offset: number; pageSize: number; total: number; shown: number; onChange: (offset: number) => void; label: string };

/** "1–25 de 80" with the previous and next pages: long lists stay light on a modest phone. */
export function Pager({ offset, pageSize, total, shown, onChange, label }: Props) {
  if (total <= pageSize && offset === 0) return null;
  const last = offset + shown;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button-quiet" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - pageSize))}>
        Anterior
      </button>
      <span className="muted">
        {formatCount(shown === 0 ? 0 : offset + 1)}–{formatCount(last)} de {formatCount(total)}
      </span>
      <button type="button" className="button button-quiet" disabled={last >= total} onClick={() => onChange(offset + pageSize)}>
        Próxima
      </button>
    </nav>
  );
}
