import type { OfferView } from '../../../../src/merchant-contract.js';
import { formatPercent } from '../../format.js';

type Props = {
  offers: OfferView[];
  busy: boolean;
  onEdit: (offer: OfferView) => void;
  onDeactivate: (offer: OfferView) => void;
  onReactivate: (offer: OfferView) => void;
};

/** Each product's offer: what Sara sends, the discount she may offer and how many answers she knows. */
export function OfferList({ offers, busy, onEdit, onDeactivate, onReactivate }: Props) {
  if (offers.length === 0) return <p className="muted">Nenhuma oferta cadastrada ainda. Sem oferta, a Sara envia o link do próprio checkout.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="sr-only">Ofertas</caption>
        <thead>
          <tr>
            <th scope="col">Produto</th>
            <th scope="col">Desconto</th>
            <th scope="col">Perguntas</th>
            <th scope="col">Situação</th>
            <th scope="col">
              <span className="sr-only">Ações</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {offers.map((offer) => (
            <tr key={offer.productId} className={offer.active ? undefined : 'row-inactive'}>
              <th scope="row">
                {offer.productName}
                <span className="cell-sub">{offer.productId}</span>
              </th>
              <td>{offer.discountPercent ? formatPercent(offer.discountPercent / 100) : 'Sem desconto'}</td>
              <td>{offer.faq.length}</td>
              <td>{offer.active ? 'Ativa' : 'Desativada'}</td>
              <td>
                <div className="row-actions">
                  <button type="button" className="button button-quiet" onClick={() => onEdit(offer)} aria-label={`Editar ${offer.productName}`}>
                    Editar
                  </button>
                  {offer.active ? (
                    <button
                      type="button"
                      className="button button-danger"
                      disabled={busy}
                      onClick={() => onDeactivate(offer)}
                      aria-label={`Desativar ${offer.productName}`}
                    >
                      Desativar
                    </button>
                  ) : (
                    <button type="button" className="button" disabled={busy} onClick={() => onReactivate(offer)} aria-label={`Reativar ${offer.productName}`}>
                      Reativar
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
