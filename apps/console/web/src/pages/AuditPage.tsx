import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AuditEventRow } from '../../../src/merchant-contract.js';
import { AUDIT_PAGE_SIZE, useAudit, useOperators } from '../api/audit.js';
import { LoadError, Loading } from '../components/merchant/PageState.js';
import { Pager } from '../components/merchant/Pager.js';
import { formatFullDateTime } from '../format.js';
import { AUDIT_ACTION_FILTERS, auditActionLabel, auditActorLabel, auditOutcomeLabel, kindLabel } from '../merchant/labels.js';
import { addDays, startOfShopDay } from '../merchant/period.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../merchant.css';
import './AuditPage.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CONVERSATION_ACTIONS = new Set(['console.takeover', 'console.release', 'console.close', 'console.message']);

/** Who did what and when, newest first; the filters live in the address so a link shows the same rows. */
export function AuditPage() {
  useDocumentTitle('Auditoria');
  const [params, setParams] = useSearchParams();
  const [offset, setOffset] = useState(0);
  const action = params.get('acao') ?? '';
  const actor = params.get('quem') ?? '';
  const first = DAY.test(params.get('de') ?? '') ? params.get('de')! : '';
  const last = DAY.test(params.get('ate') ?? '') ? params.get('ate')! : '';
  const audit = useAudit({ action, actor, from: first ? startOfShopDay(first) : '', to: last ? startOfShopDay(addDays(last, 1)) : '' }, offset);
  const team = useOperators();

  const filter = (name: string, value: string) => {
    setOffset(0);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  const events = audit.data?.events ?? [];
  const actors = new Map<string, string>([['admin-api-key', auditActorLabel('admin-api-key', null)]]);
  for (const person of team.data?.operators ?? []) actors.set(person.actor, auditActorLabel(person.actor, person.name));
  for (const event of events) actors.set(event.actor, auditActorLabel(event.actor, event.actorName));
  if (actor && !actors.has(actor)) actors.set(actor, auditActorLabel(actor, null));

  return (
    <div className="merchant-page">
      <h1>Auditoria</h1>
      <p className="muted page-intro">Tudo o que a equipe e a API de administração fizeram, com quem, quando e como terminou.</p>
      <form className="filters-form" aria-label="Filtrar a auditoria" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="auditoria-acao">Ação</label>
          <select id="auditoria-acao" value={action} onChange={(e) => filter('acao', e.target.value)}>
            {AUDIT_ACTION_FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="auditoria-quem">Quem</label>
          <select id="auditoria-quem" value={actor} onChange={(e) => filter('quem', e.target.value)}>
            <option value="">Todos</option>
            {[...actors].map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="auditoria-de">De</label>
          <input id="auditoria-de" type="date" value={first} onChange={(e) => filter('de', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="auditoria-ate">Até</label>
          <input id="auditoria-ate" type="date" value={last} min={first || undefined} onChange={(e) => filter('ate', e.target.value)} />
        </div>
      </form>

      {audit.isPending ? (
        <Loading what="a auditoria" />
      ) : audit.isError ? (
        <LoadError error={audit.error} />
      ) : (
        <section className="panel" aria-labelledby="auditoria-lista">
          <h2 id="auditoria-lista">Registros</h2>
          <p role="status" className="muted">
            {audit.data.total === 0 ? 'Nada registrado com estes filtros' : audit.data.total === 1 ? '1 registro' : `${audit.data.total} registros`}
          </p>
          {events.length > 0 && <AuditTable events={events} />}
          <Pager label="Páginas da auditoria" offset={offset} pageSize={AUDIT_PAGE_SIZE} total={audit.data.total} shown={events.length} onChange={setOffset} />
        </section>
      )}
    </div>
  );
}

function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="sr-only">Registros da auditoria, do mais recente ao mais antigo</caption>
        <thead>
          <tr>
            <th scope="col">Quando</th>
            <th scope="col">Quem</th>
            <th scope="col">O que</th>
            <th scope="col">Em quê</th>
            <th scope="col">Resultado</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.createdAt}>{formatFullDateTime(event.createdAt)}</time>
              </td>
              <td>{auditActorLabel(event.actor, event.actorName)}</td>
              <td>{auditActionLabel(event.action)}</td>
              <td className="break">
                <Target event={event} />
              </td>
              <td className={event.outcome >= 400 ? 'status-trouble' : undefined}>{auditOutcomeLabel(event.outcome)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Target({ event }: { event: AuditEventRow }) {
  const { target, action } = event;
  if (!target) return <span className="muted">—</span>;
  if (target === 'buyer') return <>um comprador</>;
  if (CONVERSATION_ACTIONS.has(action)) return <Link to={`/conversas/${encodeURIComponent(target)}`}>Abrir conversa</Link>;
  if (action.includes('sequences.')) return <>{kindLabel(target)}</>;
  if (action.includes('offers.')) return <>Produto {target}</>;
  if (action.includes('payments.')) return <>Pagamento {target.slice(0, 8)}</>;
  return <>{target}</>;
}
