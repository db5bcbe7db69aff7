import { useBuyerHistory } from '../../api/buyers.js';
import { formatDateTime } from '../../format.js';
import { deliveryStatusLabel } from '../../labels.js';
import { LoadError, Loading } from '../merchant/PageState.js';

/** Each conversation the opt-out closed and the goodbye Sara sent there. Read from the buyer's copy, which is audited. */
export function OptOutHistory({ phone }: { phone: string }) {
  const history = useBuyerHistory(phone, true);
  return (
    <div id="historico-saida" className="history">
      <h3>Histórico de saída</h3>
      {history.isPending ? (
        <Loading what="o histórico" />
      ) : history.isError ? (
        <LoadError error={history.error} />
      ) : history.data.optOut.history.length === 0 ? (
        <p className="muted">{history.data.optOut.optedOut ? 'Pediu para sair fora de uma conversa.' : 'Nunca pediu para sair.'}</p>
      ) : (
        <ul className="history-list">
          {history.data.optOut.history.map((entry) => (
            <li key={entry.conversationId}>
              Conversa encerrada {entry.closedAt ? `em ${formatDateTime(entry.closedAt)}` : ''}
              {entry.farewell ? (
                <>
                  {' '}
                  — despedida da Sara ({deliveryStatusLabel({ status: entry.farewell.status, errorCode: null, blockedReason: null })}):{' '}
                  <q>{entry.farewell.text}</q>
                </>
              ) : (
                ' — sem mensagem de despedida'
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">Consultar o histórico fica registrado na Auditoria, como uma exportação.</p>
    </div>
  );
}
