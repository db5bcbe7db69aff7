import { useCallback, useState } from 'react';
import type { PaymentReviewRow, PaymentStatus } from '../../../src/merchant-contract.js';
import { PaymentList } from '../components/payments/PaymentList.js';
import { PaymentReview } from '../components/payments/PaymentReview.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../merchant.css';
import './review.css';

const VIEWS = [
  { value: 'review', label: 'Para revisar', statuses: ['unmatched', 'review'] },
  { value: 'ignored', label: 'Ignorados', statuses: ['ignored'] },
  { value: 'matched', label: 'Vinculados', statuses: ['matched'] },
] as const satisfies readonly { value: string; label: string; statuses: readonly PaymentStatus[] }[];
type View = (typeof VIEWS)[number]['value'];

/**
 * Payments no abandonment claimed, and the ones whose amount or owner did not fit: a person
 * links each to its abandonment by hand or ignores it with a reason. The first one waiting opens
 * on its own, so the page starts with what needs doing.
 */
export function PaymentsPage() {
  useDocumentTitle('Pagamentos para revisar');
  const [view, setView] = useState<View>('review');
  const [chosen, setChosen] = useState<PaymentReviewRow | null>(null);
  const [firsts, setFirsts] = useState<Partial<Record<PaymentStatus, PaymentReviewRow | null>>>({});
  const [notice, setNotice] = useState('');
  // Until the lists refetch, the payment just settled may still be first: never reopen it.
  const [settledId, setSettledId] = useState<string | null>(null);
  const statuses: readonly PaymentStatus[] = VIEWS.find((v) => v.value === view)!.statuses;

  const rememberFirst = useCallback(
    (status: PaymentStatus, payment: PaymentReviewRow | null) => setFirsts((current) => ({ ...current, [status]: payment })),
    [],
  );
  const selected = chosen ?? statuses.map((status) => firsts[status]).find((payment) => payment && payment.id !== settledId) ?? null;

  const choose = (payment: PaymentReviewRow) => {
    setNotice('');
    setChosen(payment);
  };
  const settled = (message: string) => {
    setNotice(message);
    setSettledId(selected?.id ?? null);
    setChosen(null);
  };
  const switchView = (next: View) => {
    setView(next);
    setChosen(null);
    setNotice('');
  };

  return (
    <div className="merchant-page">
      <h1>Pagamentos para revisar</h1>
      <p className="muted page-intro">
        Pagamentos que a Sara não conseguiu ligar a um carrinho sozinha. Vincule cada um ao carrinho certo ou ignore-o dizendo por quê.
      </p>
      <div className="filters" role="group" aria-label="Quais pagamentos">
        {VIEWS.map(({ value, label }) => (
          <button key={value} type="button" className="chip" aria-pressed={view === value} onClick={() => switchView(value)}>
            {label}
          </button>
        ))}
      </div>
      <p role="status" className="notice">
        {notice}
      </p>
      <div className="master-detail">
        <div>
          {statuses.map((status) => (
            <PaymentList key={status} status={status} selectedId={selected?.id ?? null} onSelect={choose} onFirst={rememberFirst} />
          ))}
        </div>
        {selected ? (
          <PaymentReview key={selected.id} payment={selected} onSettled={settled} focusOnOpen={selected === chosen} />
        ) : (
          <p className="muted detail-empty">Nenhum pagamento escolhido.</p>
        )}
      </div>
    </div>
  );
}
