import { useEffect, useState } from 'react';
import type { PaymentReviewRow, PaymentStatus } from '../../../../src/merchant-contract.js';
import { PAYMENTS_PAGE_SIZE, usePayments } from '../../api/payments.js';
import { formatDateTime, formatMoney } from '../../format.js';
import { paymentReasonLabel, PAYMENT_STATUS_LABELS, platformLabel } from '../../merchant/labels.js';
import { LoadError, Loading } from '../merchant/PageState.js';
import { Pager } from '../merchant/Pager.js';

type Props = {
  status: PaymentStatus;
  selectedId: string | null;
  onSelect: (payment: PaymentReviewRow) => void;
  /** The first payment of the list once it loads, so the page can open one without a click. */
  onFirst?: (status: PaymentStatus, payment: PaymentReviewRow | null) => void;
};

export function paymentAmount(payment: PaymentReviewRow): string {
  return formatMoney(Number(payment.amount), payment.currency);
}

/** One status's payments, newest first, each with why it waits. */
export function PaymentList({ status, selectedId, onSelect, onFirst }: Props) {
  const [offset, setOffset] = useState(0);
  const payments = usePayments(status, offset);
  const first = payments.data?.payments[0] ?? null;
  const loaded = payments.isSuccess;
  useEffect(() => {
    if (loaded) onFirst?.(status, first);
  }, [loaded, first, onFirst, status]);

  const title = PAYMENT_STATUS_LABELS[status];
  return (
    <section className="payment-list" aria-labelledby={`pagamentos-${status}`}>
      <h2 id={`pagamentos-${status}`}>
        {title}
        {payments.data && <span className="muted count"> · {payments.data.total}</span>}
      </h2>
      {payments.isPending ? (
        <Loading what="os pagamentos" />
      ) : payments.isError ? (
        <LoadError error={payments.error} />
      ) : payments.data.payments.length === 0 ? (
        <p className="muted">Nenhum pagamento aqui.</p>
      ) : (
        <>
          <ul className="rows" aria-labelledby={`pagamentos-${status}`}>
            {payments.data.payments.map((payment) => (
              <li key={payment.id}>
                <button type="button" className="row-button" aria-current={payment.id === selectedId ? 'true' : undefined} onClick={() => onSelect(payment)}>
                  <span className="row-main">
                    <strong>{paymentAmount(payment)}</strong> · {platformLabel(payment.source)} ·{' '}
                    <time dateTime={payment.paidAt}>{formatDateTime(payment.paidAt)}</time>
                  </span>{' '}
                  <span className="row-sub">{paymentReasonLabel(payment.reviewReason, payment.matchStatus)}</span>
                </button>
              </li>
            ))}
          </ul>
          <Pager
            label={`Páginas: ${title}`}
            offset={offset}
            pageSize={PAYMENTS_PAGE_SIZE}
            total={payments.data.total}
            shown={payments.data.payments.length}
            onChange={setOffset}
          />
        </>
      )}
    </section>
  );
}
