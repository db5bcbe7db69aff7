import { useRef, useState } from 'react';
import type { OfferView } from '../../../src/merchant-contract.js';
import { OFFERS_PAGE_SIZE, useDeactivateOffer, useOffers, useSaveOffer } from '../api/offers.js';
import { LoadError, Loading } from '../components/merchant/PageState.js';
import { Pager } from '../components/merchant/Pager.js';
import { OfferEditor } from '../components/offers/OfferEditor.js';
import { OfferList } from '../components/offers/OfferList.js';
import { errorMessage } from '../labels.js';
import { draftOf, emptyOffer, offerInput, type OfferDraft } from '../merchant/offer-rules.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../merchant.css';
import './OffersPage.css';

type Editing = { draft: OfferDraft; isNew: boolean } | null;

export function OffersPage() {
  useDocumentTitle('Ofertas');
  const [offset, setOffset] = useState(0);
  const offers = useOffers(offset);
  const deactivate = useDeactivateOffer();
  const reactivate = useSaveOffer();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const close = (message = '') => {
    setEditing(null);
    setNotice(message);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const open = (next: Editing) => {
    setNotice('');
    setEditing(next);
  };
  const onDeactivate = (offer: OfferView) =>
    deactivate.mutate(offer.productId, { onSuccess: () => setNotice(`Oferta de ${offer.productName} desativada: a Sara passa a enviar o link do checkout.`) });
  const onReactivate = (offer: OfferView) =>
    reactivate.mutate(
      { productId: offer.productId, offer: { ...offerInput(draftOf(offer)), active: true } },
      { onSuccess: () => setNotice(`Oferta de ${offer.productName} reativada.`) },
    );
  const failure = deactivate.error ?? reactivate.error;

  return (
    <div className="merchant-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          Ofertas
        </h1>
        {!editing && (
          <button type="button" className="button button-primary" onClick={() => open({ draft: emptyOffer(), isNew: true })}>
            Nova oferta
          </button>
        )}
      </div>
      <p className="muted page-intro">Os links, o desconto e as respostas que a Sara usa para cada produto.</p>
      <p role="status" className="notice">
        {notice}
      </p>
      {failure && (
        <p role="alert" className="alert">
          {errorMessage(failure)}
        </p>
      )}

      {editing ? (
        <OfferEditor key={editing.draft.productId || 'nova'} initial={editing.draft} isNew={editing.isNew} onDone={close} onCancel={() => close()} />
      ) : offers.isPending ? (
        <Loading what="as ofertas" />
      ) : offers.isError ? (
        <LoadError error={offers.error} />
      ) : (
        <section className="panel">
          <OfferList
            offers={offers.data.offers}
            busy={deactivate.isPending || reactivate.isPending}
            onEdit={(offer) => open({ draft: draftOf(offer), isNew: false })}
            onDeactivate={onDeactivate}
            onReactivate={onReactivate}
          />
          <Pager
            label="Páginas de ofertas"
            offset={offset}
            pageSize={OFFERS_PAGE_SIZE}
            total={offers.data.total}
            shown={offers.data.offers.length}
            onChange={setOffset}
          />
        </section>
      )}
    </div>
  );
}
