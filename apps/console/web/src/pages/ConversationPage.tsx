import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ConversationDetail, SessionUser } from '../../../src/contract.js';
import { useConversation } from '../api/conversations.js';
import { useSession } from '../api/session.js';
import { AbandonmentPanel } from '../components/AbandonmentPanel.js';
import { Composer } from '../components/Composer.js';
import { ConversationActions } from '../components/ConversationActions.js';
import { Timeline } from '../components/Timeline.js';
import { CONVERSATION_STATUS, NEEDS_HUMAN_REASONS, closedReasonLabel, errorMessage } from '../labels.js';
import { useDocumentTitle } from '../use-document-title.js';
import './ConversationPage.css';

export function ConversationPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const query = useConversation(id);
  useDocumentTitle(query.data?.conversation.buyerName ?? 'Conversa');

  return (
    <div className="conversation-page">
      <p className="back">
        <Link to="/">← Voltar para as conversas</Link>
      </p>
      {query.isPending ? (
        <p role="status">Carregando conversa…</p>
      ) : query.isError ? (
        <p role="alert" className="alert">
          {errorMessage(query.error)}
        </p>
      ) : (
        <ConversationView key={id} conversation={query.data.conversation} user={user} />
      )}
    </div>
  );
}

function ConversationView({ conversation, user }: { conversation: ConversationDetail; user: SessionUser }) {
  const mine = conversation.handledBy?.id === user.id;
  const closed = conversation.status === 'closed';
  // The button just pressed disappears with the takeover; the reply box is where the person goes next.
  const [focusComposer, setFocusComposer] = useState(false);

  return (
    <div className="conversation-grid">
      <section className="conversation-main" aria-labelledby="conversation-title">
        <header className="conversation-header">
          <div>
            <h1 id="conversation-title">{conversation.buyerName}</h1>
            <p className="muted">
              <span className="phone">{conversation.phone}</span> ·{' '}
              {closed ? closedReasonLabel(conversation.closedReason) : CONVERSATION_STATUS[conversation.status]}
            </p>
          </div>
          {!closed && <ConversationActions conversation={conversation} mine={mine} onTookOver={() => setFocusComposer(true)} />}
        </header>
        <div role="status" className="banner-region">
          <HandlerBanner conversation={conversation} mine={mine} />
        </div>
        <Timeline conversation={conversation} />
        <ComposerArea conversation={conversation} mine={mine} autoFocus={focusComposer} />
      </section>
      <AbandonmentPanel abandonment={conversation.abandonment} payments={conversation.payments} />
    </div>
  );
}

/** Who is talking to the buyer right now, so nobody answers over Sara or over a colleague. */
function HandlerBanner({ conversation, mine }: { conversation: ConversationDetail; mine: boolean }) {
  if (conversation.status === 'closed') return <p className="banner">Conversa encerrada: {closedReasonLabel(conversation.closedReason)}.</p>;
  const needsHuman = conversation.needsHuman && (
    <p className="badge badge-urgent">Precisa de atendimento: {NEEDS_HUMAN_REASONS[conversation.needsHuman.reason] ?? 'motivo não informado'}</p>
  );
  if (mine)
    return (
      <>
        <p className="banner banner-mine">Você assumiu esta conversa — a Sara está pausada.</p>
        {needsHuman}
      </>
    );
  if (conversation.handledBy) return <p className="banner banner-other">{conversation.handledBy.name} está atendendo esta conversa — a Sara está pausada.</p>;
  return (
    <>
      <p className="banner">A Sara está conduzindo esta conversa.</p>
      {needsHuman}
    </>
  );
}

function ComposerArea({ conversation, mine, autoFocus }: { conversation: ConversationDetail; mine: boolean; autoFocus: boolean }) {
  if (conversation.status === 'closed') return null;
  if (conversation.optedOut) return <p className="note">O comprador pediu para não receber mais mensagens: nada pode ser enviado nesta conversa.</p>;
  if (!mine) return <p className="note">Para responder, assuma a conversa. A Sara fica pausada enquanto você atende.</p>;
  return <Composer conversation={conversation} autoFocus={autoFocus} />;
}
