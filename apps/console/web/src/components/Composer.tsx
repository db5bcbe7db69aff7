import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationDetail, SendMessageRequest, TemplateChoice } from '../../../src/contract.js';
import { newIdempotencyKey } from '../api/client.js';
import { useSendMessage } from '../api/conversations.js';
import { formatTimeLeft } from '../format.js';
import { errorMessage } from '../labels.js';
import { useNow } from '../use-now.js';
import { TemplateFields } from './TemplateFields.js';

/**
 * The reply box. Inside Meta's 24 h window it takes free text; once the window closes only an
 * approved template can be sent, so the text box disappears instead of accepting words that
 * would never be delivered.
 */
export function Composer({ conversation, autoFocus = false }: { conversation: ConversationDetail; autoFocus?: boolean }) {
  const now = useNow();
  const send = useSendMessage(conversation.id);
  const { endsAt } = conversation.serviceWindow;
  // The server's `open` was true when it answered; the clock may have passed endsAt since.
  const timeLeft = endsAt ? formatTimeLeft(endsAt, now) : null;
  const windowOpen = conversation.serviceWindow.open && (endsAt === null || timeLeft !== null);

  const [text, setText] = useState('');
  // The person's template choice, until a refetch no longer offers it; then the first one offered.
  const [draft, setDraft] = useState<TemplateChoice | null>(null);
  const template = (draft && conversation.templates.some((t) => t.name === draft.name) ? draft : conversation.templates[0]) ?? null;

  // One key per composed message: a retry of the same message reuses it so the server sends it
  // once; once the person changes what they wrote, it is another message.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const attempted = useRef(false);
  const composeChanged = () => {
    if (!attempted.current) return;
    attempted.current = false;
    setIdempotencyKey(newIdempotencyKey());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    let message: SendMessageRequest;
    if (windowOpen) {
      if (!text.trim()) return;
      message = { text };
    } else {
      if (!template) return;
      message = { template: template.name, parameters: template.parameters };
    }
    attempted.current = true;
    send.mutate(
      { message, idempotencyKey },
      {
        onSuccess: () => {
          attempted.current = false;
          setIdempotencyKey(newIdempotencyKey());
          if ('text' in message) setText('');
        },
      },
    );
  };

  const onTextKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Responder">
      {windowOpen ? (
        <>
          <p className="window window-open">{timeLeft ? `Janela de 24 h: faltam ${timeLeft}` : 'Janela de 24 h aberta'}</p>
          <div className="field">
            <label htmlFor="composer-text">Mensagem</label>
            <textarea
              id="composer-text"
              rows={3}
              autoFocus={autoFocus}
              value={text}
              required
              aria-describedby="composer-hint"
              onChange={(event) => {
                composeChanged();
                setText(event.target.value);
              }}
              onKeyDown={onTextKeyDown}
            />
            <span id="composer-hint" className="hint">
              Ctrl + Enter envia.
            </span>
          </div>
        </>
      ) : (
        <>
          <p className="window window-closed">A janela de 24 h fechou: só é possível enviar um modelo aprovado.</p>
          {!template ? (
            <p className="note">Nenhum modelo aprovado está disponível para esta conversa.</p>
          ) : (
            <TemplateFields
              templates={conversation.templates}
              value={template}
              autoFocus={autoFocus}
              onChange={(next) => {
                composeChanged();
                setDraft(next);
              }}
            />
          )}
        </>
      )}
      {send.isError && (
        <p role="alert" className="alert">
          {errorMessage(send.error)}
        </p>
      )}
      {(windowOpen || conversation.templates.length > 0) && (
        <div className="form-buttons">
          <button type="submit" className="button button-primary" disabled={send.isPending}>
            Enviar
          </button>
          {send.isPending && (
            <span role="status" className="muted">
              Enviando…
            </span>
          )}
        </div>
      )}
    </form>
  );
}
