import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PaymentReviewRow } from '../../../../src/merchant-contract.js';
import { usePaymentDecision } from '../../api/payments.js';
import { formatDateTime } from '../../format.js';
import { errorMessage } from '../../labels.js';
import { paymentReasonLabel, PAYMENT_STATUS_LABELS, platformLabel } from '../../merchant/labels.js';
import { FieldMessage } from '../merchant/Field.js';
import { CandidatePicker } from './CandidatePicker.js';
import { paymentAmount } from './PaymentList.js';

const MAX_REASON = 200;

const MATCHED_BY: Record<string, string> = {
  checkout: 'pelo código do checkout',
  phone: 'pelo telefone',
  email: 'pelo e-mail',
  manual: 'à mão, pela equipe',
};

/** One payment: why it waits, the abandonments it may belong to, and the two ways to settle it. */
type Props = {
  payment: PaymentReviewRow;
  onSettled: (message: string) => void;
  /** Chosen by a click: reading goes on here, not back at the top of the list. */ focusOnOpen: boolean;
};

export function PaymentReview({ payment, onSettled, focusOnOpen }: Props) {
  const { link, ignore } = usePaymentDecision(payment.id);
  const [chosen, setChosen] = useState<{ id: string; buyerName: string } | null>(null);
  const [chooseError, setChooseError] = useState('');
  const [ignoring, setIgnoring] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const ignoreButton = useRef<HTMLButtonElement>(null);
  const settled = payment.matchStatus === 'matched';
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);

  const linkChosen = () => {
    if (!chosen) return setChooseError('Escolha o carrinho a que este pagamento pertence.');
    setChooseError('');
    link.mutate(chosen.id, {
      onSuccess: (answer) =>
        onSettled(`Pagamento vinculado ao carrinho de ${chosen.buyerName}.${answer.thanksMessageId ? ' A Sara vai agradecer a compra.' : ''}`),
    });
  };
  const cancelIgnore = () => {
    setIgnoring(false);
    setReasonError('');
    ignoreButton.current?.focus();
  };
  const confirmIgnore = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text || text.length > MAX_REASON) return setReasonError(`Diga por que ignorar este pagamento (até ${MAX_REASON} caracteres).`);
    setReasonError('');
    ignore.mutate(text, { onSuccess: () => onSettled('Pagamento ignorado. Ele continua na lista de ignorados e ainda pode ser vinculado.') });
  };
  const onIgnoreKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') cancelIgnore();
  };

  const failure = link.error ?? ignore.error;
  return (
    <section className="panel payment-review" aria-labelledby="pagamento-titulo">
      <h2 id="pagamento-titulo" ref={heading} tabIndex={-1}>
        Pagamento de {paymentAmount(payment)} · {platformLabel(payment.source)}
      </h2>
      <dl className="facts">
        <dt>Situação</dt>
        <dd>{PAYMENT_STATUS_LABELS[payment.matchStatus]}</dd>
        <dt>{payment.matchStatus === 'ignored' ? 'Motivo' : 'Por quê'}</dt>
        <dd>{settled ? `Vinculado ${MATCHED_BY[payment.matchedBy ?? ''] ?? ''}` : paymentReasonLabel(payment.reviewReason, payment.matchStatus)}</dd>
        <dt>Pago em</dt>
        <dd>{formatDateTime(payment.paidAt)}</dd>
        <dt>Produto</dt>
        <dd>{payment.productId ?? 'não informado'}</dd>
        <dt>Comprador</dt>
        <dd>{[payment.buyer.phone, payment.buyer.email].filter(Boolean).join(' · ') || 'não informado'}</dd>
        <dt>Código na plataforma</dt>
        <dd className="break">{payment.paymentId}</dd>
      </dl>

      {!settled && (
        <>
          <CandidatePicker paymentId={payment.id} chosenId={chosen?.id ?? null} onChoose={(c) => setChosen({ id: c.id, buyerName: c.buyerName })} />
          {chooseError && <FieldMessage id="vincular-erro" message={chooseError} />}
          {failure && (
            <p role="alert" className="alert">
              {errorMessage(failure)}
            </p>
          )}
          <div className="form-buttons">
            <button
              type="button"
              className="button button-primary"
              disabled={link.isPending}
              onClick={linkChosen}
              aria-describedby={chooseError ? 'vincular-erro' : undefined}
            >
              Vincular
            </button>
            {payment.matchStatus !== 'ignored' && (
              <button
                ref={ignoreButton}
                type="button"
                className="button"
                aria-expanded={ignoring}
                aria-controls="ignorar-form"
                onClick={() => (ignoring ? cancelIgnore() : setIgnoring(true))}
              >
                Ignorar
              </button>
            )}
          </div>
          {ignoring && (
            <form id="ignorar-form" className="close-form" aria-label="Ignorar este pagamento" onSubmit={confirmIgnore} onKeyDown={onIgnoreKeyDown} noValidate>
              <div className="field">
                <label htmlFor="ignorar-motivo">Motivo para ignorar</label>
                <input
                  id="ignorar-motivo"
                  type="text"
                  maxLength={MAX_REASON}
                  autoFocus
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? 'ignorar-motivo-erro' : 'ignorar-motivo-dica'}
                />
                <span id="ignorar-motivo-dica" className="hint">
                  Ex.: venda de teste, reembolsada, comprador de outra campanha.
                </span>
                {reasonError && <FieldMessage id="ignorar-motivo-erro" message={reasonError} />}
              </div>
              <div className="form-buttons">
                <button type="submit" className="button button-danger" disabled={ignore.isPending}>
                  Confirmar
                </button>
                <button type="button" className="button button-quiet" onClick={cancelIgnore}>
                  Cancelar
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
