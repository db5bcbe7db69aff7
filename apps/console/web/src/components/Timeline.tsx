import { useLayoutEffect, useRef } from 'react';
import type { ConversationDetail, TimelineEntry } from '../../../src/contract.js';
import { formatDateTime } from '../format.js';
import { deliveryStatusLabel } from '../labels.js';

const MEDIA_LABELS: Record<string, string> = {
  image: 'Imagem',
  audio: 'Áudio',
  video: 'Vídeo',
  document: 'Documento',
  sticker: 'Figurinha',
  location: 'Localização',
  interactive: 'Mensagem interativa',
  contacts: 'Contato',
};

export function Timeline({ conversation }: { conversation: ConversationDetail }) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = conversation.messages.length;

  // Open on the newest message, and follow new ones unless the person scrolled up to read.
  const lastCount = useRef(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const nearBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 120;
    if (lastCount.current === 0 || nearBottom) element.scrollTop = element.scrollHeight;
    lastCount.current = count;
  }, [count]);

  return (
    <div ref={scroller} className="timeline" role="log" aria-label="Mensagens" tabIndex={0}>
      {count === 0 ? (
        <p className="muted">Nenhuma mensagem ainda.</p>
      ) : (
        <ol className="messages">
          {conversation.messages.map((message) => (
            <MessageItem key={message.id} message={message} buyerName={conversation.buyerName} />
          ))}
        </ol>
      )}
    </div>
  );
}

function MessageItem({ message, buyerName }: { message: TimelineEntry; buyerName: string }) {
  const outbound = message.from !== 'user';
  const author = message.from === 'user' ? buyerName : message.from === 'sara' ? 'Sara' : (message.operator?.name ?? 'Equipe');
  const status = outbound ? deliveryStatusLabel(message) : null;
  const trouble = message.status === 'failed' || message.status === 'blocked';

  return (
    <li className={`message ${outbound ? 'message-out' : 'message-in'} message-from-${message.from}`}>
      <p className="message-author">{author}</p>
      {message.template ? (
        <div className="message-template">
          <p className="template-name">Modelo {message.template.name}</p>
          {message.template.parameters.length > 0 && (
            <ol className="template-parameters" aria-label="Parâmetros">
              {message.template.parameters.map((parameter, index) => (
                <li key={index}>{parameter}</li>
              ))}
            </ol>
          )}
          {message.text && <p className="message-text">{message.text}</p>}
        </div>
      ) : (
        <p className="message-text">{message.text || MEDIA_LABELS[message.type] || 'Mensagem sem texto'}</p>
      )}
      <p className="message-foot">
        <time dateTime={message.at}>{formatDateTime(message.at)}</time>
        {status && <span className={trouble ? 'message-status status-trouble' : 'message-status'}> · {status}</span>}
      </p>
    </li>
  );
}
