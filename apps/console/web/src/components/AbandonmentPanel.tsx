import type { AbandonmentView, PaymentView } from '../../../src/contract.js';
import { formatDateTime, formatMoney } from '../format.js';
import { ABANDONMENT_KINDS, ABANDONMENT_STATUS, PAYMENT_MATCH } from '../labels.js';

/** What the buyer left behind and what has been paid since: the context for answering well. */
export function AbandonmentPanel({ abandonment, payments }: { abandonment: AbandonmentView; payments: PaymentView[] }) {
  return (
    <aside className="sale-panel" aria-labelledby="sale-title">
      <h2 id="sale-title">Venda abandonada</h2>
      <dl className="facts">
        <dt>Produto</dt>
        <dd>{abandonment.productName}</dd>
        <dt>Valor</dt>
        <dd>{abandonment.value === null ? 'Não informado' : formatMoney(abandonment.value)}</dd>
        <dt>Tipo</dt>
        <dd>{ABANDONMENT_KINDS[abandonment.kind] ?? 'Outro'}</dd>
        <dt>Recuperação</dt>
        <dd>{ABANDONMENT_STATUS[abandonment.status] ?? 'Em andamento'}</dd>
        <dt>Quando</dt>
        <dd>
          <time dateTime={abandonment.createdAt}>{formatDateTime(abandonment.createdAt)}</time>
        </dd>
      </dl>

      <h3>Links oferecidos</h3>
      {abandonment.linksOffered.length === 0 ? (
        <p className="muted">Nenhum link enviado ainda.</p>
      ) : (
        <ul className="links">
          {abandonment.linksOffered.map((link) => (
            <li key={link}>
              {isWebLink(link) ? (
                <a href={link} target="_blank" rel="noopener noreferrer">
                  {link}
                </a>
              ) : (
                link
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Pagamentos</h3>
      {payments.length === 0 ? (
        <p className="muted">Nenhum pagamento recebido.</p>
      ) : (
        <ul className="payments">
          {payments.map((payment) => (
            <li key={payment.id}>
              <strong>{formatMoney(payment.amount, payment.currency)}</strong> via {platformName(payment.source)} em{' '}
              <time dateTime={payment.paidAt}>{formatDateTime(payment.paidAt)}</time>
              <span className="muted"> · {PAYMENT_MATCH[payment.matchStatus] ?? 'Em análise'}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** Only http(s) becomes a link: a stored string must never turn into a script URL. */
function isWebLink(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function platformName(source: string): string {
  return source === 'sara' ? 'Sara' : source.charAt(0).toUpperCase() + source.slice(1);
}
