import { useState } from 'react';
import { Link } from 'react-router';
import type { ConversationSummary } from '../../../src/contract.js';
import { useSession } from '../api/session.js';
import { formatRelative } from '../format.js';
import { CONVERSATION_STATUS, NEEDS_HUMAN_REASONS } from '../labels.js';
import { useNow } from '../use-now.js';

/** The API has no pagination yet; drawing a few at a time keeps a modest phone smooth. */
const PAGE_SIZE = 50;

export function ConversationList({ conversations, searching }: { conversations: ConversationSummary[]; searching: boolean }) {
  const [shown, setShown] = useState(PAGE_SIZE);
  const now = useNow();
  const count = conversations.length;

  return (
    <>
      <p role="status" className="muted list-count">
        {count === 0 ? (searching ? 'Nenhuma conversa encontrada.' : 'Nenhuma conversa por aqui.') : count === 1 ? '1 conversa' : `${count} conversas`}
      </p>
      {count > 0 && (
        <ul className="conversation-list" aria-label="Conversas">
          {conversations.slice(0, shown).map((conversation) => (
            <ConversationItem key={conversation.id} conversation={conversation} now={now} />
          ))}
        </ul>
      )}
      {count > shown && (
        <button type="button" className="button button-quiet show-more" onClick={() => setShown((n) => n + PAGE_SIZE)}>
          Mostrar mais {Math.min(PAGE_SIZE, count - shown)}
        </button>
      )}
    </>
  );
}

function ConversationItem({ conversation, now }: { conversation: ConversationSummary; now: number }) {
  const { user } = useSession();
  const { needsHuman, lastMessage } = conversation;

  return (
    <li className={needsHuman ? 'conversation-item needs-human' : 'conversation-item'}>
      <div className="item-top">
        <h2 className="item-name">
          <Link to={`/conversas/${encodeURIComponent(conversation.id)}`}>{conversation.buyerName}</Link>
        </h2>
        {lastMessage && (
          <time className="muted item-time" dateTime={lastMessage.at}>
            {formatRelative(lastMessage.at, now)}
          </time>
        )}
      </div>
      {needsHuman && (
        <p className="badge badge-urgent">
          Precisa de atendimento: {NEEDS_HUMAN_REASONS[needsHuman.reason] ?? 'motivo não informado'}
          <span className="badge-since"> · {formatRelative(needsHuman.since, now)}</span>
        </p>
      )}
      <p className="item-meta">
        <span>{conversation.productName}</span>
        <span className="phone">{conversation.phone}</span>
        <span>{handlerLabel(conversation, user.id)}</span>
      </p>
      {lastMessage && (
        <p className="item-preview">
          {lastMessage.from !== 'user' && <span className="preview-author">{lastMessage.from === 'sara' ? 'Sara' : 'Equipe'}: </span>}
          {lastMessage.text}
        </p>
      )}
    </li>
  );
}

function handlerLabel(conversation: ConversationSummary, myId: string): string {
  if (conversation.status === 'closed') return CONVERSATION_STATUS.closed;
  if (conversation.handledBy) return conversation.handledBy.id === myId ? 'Com você' : `Com ${conversation.handledBy.name}`;
  return `Com a Sara · ${CONVERSATION_STATUS[conversation.status]}`;
}
