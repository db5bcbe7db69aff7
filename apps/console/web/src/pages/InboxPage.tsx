import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { INBOX_FILTERS, type InboxFilter } from '../../../src/contract.js';
import { useInbox } from '../api/conversations.js';
import { ConversationList } from '../components/ConversationList.js';
import { FILTER_LABELS, errorMessage } from '../labels.js';
import { useDocumentTitle } from '../use-document-title.js';
import './InboxPage.css';

const SEARCH_DELAY_MS = 300;

function parseFilter(value: string | null): InboxFilter | null {
  return INBOX_FILTERS.find((filter) => filter === value) ?? null;
}

/** The filter and the search live in the address, so a reload or a shared link keeps them. */
export function InboxPage() {
  useDocumentTitle('Conversas');
  const [params, setParams] = useSearchParams();
  const status = parseFilter(params.get('status'));
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const inbox = useInbox(status, q);

  useEffect(() => {
    const wanted = search.trim();
    if (wanted === q) return;
    const timer = setTimeout(() => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (wanted) next.set('q', wanted);
          else next.delete('q');
          return next;
        },
        { replace: true },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q, setParams]);

  const chooseFilter = (value: InboxFilter | null) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set('status', value);
      else next.delete('status');
      return next;
    });
  };

  return (
    <div className="inbox">
      <h1>Conversas</h1>
      <div className="inbox-tools">
        <div className="filters" role="group" aria-label="Filtrar por situação">
          {FILTER_LABELS.map(({ value, label }) => (
            <button key={label} type="button" className="chip" aria-pressed={status === value} onClick={() => chooseFilter(value)}>
              {label}
            </button>
          ))}
        </div>
        <form role="search" className="search" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor="inbox-search">Buscar</label>
          <input
            id="inbox-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Nome ou final do telefone"
            aria-describedby="inbox-search-hint"
            autoComplete="off"
          />
          <span id="inbox-search-hint" className="sr-only">
            Nome do comprador ou os quatro últimos dígitos do telefone
          </span>
        </form>
      </div>

      {inbox.isPending ? (
        <p role="status">Carregando conversas…</p>
      ) : inbox.isError ? (
        <p role="alert" className="alert">
          {errorMessage(inbox.error)}
        </p>
      ) : (
        <ConversationList key={`${status ?? ''} ${q}`} conversations={inbox.data.conversations} searching={q !== ''} />
      )}
    </div>
  );
}
