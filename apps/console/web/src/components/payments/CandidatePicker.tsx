import type { CandidateAbandonment } from '../../../../src/merchant-contract.js';
import { useCandidates } from '../../api/payments.js';
import { formatDateTime, formatMoney } from '../../format.js';
import { ABANDONMENT_STATUS } from '../../labels.js';
import { CANDIDATE_MATCH_LABELS, kindLabel } from '../../merchant/labels.js';
import { LoadError, Loading } from '../merchant/PageState.js';

type Props = { paymentId: string; chosenId: string | null; onChoose: (candidate: CandidateAbandonment) => void };

/** The open abandonments of the same buyer (phone, e-mail) or product, to choose the one this payment settles. */
export function CandidatePicker({ paymentId, chosenId, onChoose }: Props) {
  const candidates = useCandidates(paymentId);
  if (candidates.isPending) return <Loading what="os carrinhos deste comprador ou produto" />;
  if (candidates.isError) return <LoadError error={candidates.error} />;
  const list = candidates.data.abandonments;

  return (
    <fieldset className="candidates">
      <legend>Carrinhos do mesmo comprador ou produto</legend>
      {list.length === 0 ? (
        <p className="muted">Nenhum carrinho aberto do mesmo comprador ou produto. Se o pagamento não é de uma recuperação, ignore-o.</p>
      ) : (
        <ul className="candidate-list">
          {list.map((candidate) => (
            <li key={candidate.id}>
              <input
                type="radio"
                id={`carrinho-${candidate.id}`}
                name={`carrinho-${paymentId}`}
                checked={chosenId === candidate.id}
                onChange={() => onChoose(candidate)}
              />
              <label htmlFor={`carrinho-${candidate.id}`}>
                <strong>{candidate.buyerName}</strong> · {candidate.productName} ·{' '}
                {candidate.value === null ? 'valor não informado' : formatMoney(candidate.value)}{' '}
                <span className="row-sub">
                  {kindLabel(candidate.kind)} em {formatDateTime(candidate.createdAt)} · {ABANDONMENT_STATUS[candidate.status] ?? 'Em aberto'} ·{' '}
                  {CANDIDATE_MATCH_LABELS[candidate.matchedBy]}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
