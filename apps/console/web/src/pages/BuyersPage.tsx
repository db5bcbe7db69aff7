import { useEffect, useState } from 'react';
import { MIN_BUYER_QUERY, useBuyerSearch } from '../api/buyers.js';
import { BuyerCard, formatPhone } from '../components/buyers/BuyerCard.js';
import { LoadError } from '../components/merchant/PageState.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../merchant.css';
import './review.css';

const SEARCH_DELAY_MS = 300;

/**
 * Find a buyer by phone, name or e-mail, see whether they may be messaged, and answer their LGPD
 * requests. The search stays out of the address: a phone is personal data, not browser history.
 */
export function BuyersPage() {
  useDocumentTitle('Compradores');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [chosenPhone, setChosenPhone] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const search = useBuyerSearch(q);

  useEffect(() => {
    const wanted = text.trim();
    const timer = setTimeout(() => setQ(wanted), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const buyers = q.length >= MIN_BUYER_QUERY ? (search.data?.buyers ?? []) : [];
  // The most recently active one opens at once; the person may choose another.
  const selected = buyers.find((buyer) => buyer.phone === chosenPhone) ?? buyers[0] ?? null;

  return (
    <div className="merchant-page">
      <h1>Compradores</h1>
      <p className="muted page-intro">Quem a Sara conhece: se ainda recebe mensagens e, a pedido da pessoa (LGPD), a cópia ou a exclusão dos dados.</p>
      <form role="search" className="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="comprador-busca">Buscar comprador</label>
        <input
          id="comprador-busca"
          type="search"
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setChosenPhone(null);
            setNotice('');
          }}
          aria-describedby="comprador-busca-dica"
        />
        <span id="comprador-busca-dica" className="hint">
          Telefone (com ou sem DDD), nome ou e-mail.
        </span>
      </form>
      <p role="status" className="notice">
        {notice || resultLine(q, search.isFetching, buyers.length)}
      </p>
      {search.isError && <LoadError error={search.error} />}

      {buyers.length > 0 && (
        <div className="master-detail">
          <ul className="rows" aria-label="Compradores encontrados">
            {buyers.map((buyer) => (
              <li key={buyer.phone}>
                <button
                  type="button"
                  className="row-button"
                  aria-current={buyer.phone === selected?.phone ? 'true' : undefined}
                  onClick={() => {
                    setChosenPhone(buyer.phone);
                    setNotice('');
                  }}
                >
                  <span className="row-main">
                    <strong>{buyer.name}</strong> · <span className="phone">{formatPhone(buyer.phone)}</span>
                  </span>{' '}
                  <span className="row-sub">
                    {buyer.email ?? 'sem e-mail'}
                    {buyer.optedOut ? ' · Pediu para sair' : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {selected && (
            <BuyerCard
              key={selected.phone}
              buyer={selected}
              focusOnOpen={selected.phone === chosenPhone}
              onErased={(message) => {
                setNotice(message);
                setChosenPhone(null);
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}

function resultLine(q: string, fetching: boolean, count: number): string {
  if (q.length < MIN_BUYER_QUERY) return '';
  if (fetching && count === 0) return 'Buscando…';
  if (count === 0) return 'Nenhum comprador encontrado.';
  return count === 1 ? '1 comprador encontrado' : `${count} compradores encontrados`;
}
