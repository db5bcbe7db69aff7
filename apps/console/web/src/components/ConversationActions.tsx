import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationDetail } from '../../../src/contract.js';
import { useConversationAction } from '../api/conversations.js';
import { errorMessage } from '../labels.js';

/** Take over, hand back to Sara, or close — the last after saying why. */
type Props = { conversation: ConversationDetail; mine: boolean; onTookOver: () => void };

export function ConversationActions({ conversation, mine, onTookOver }: Props) {
  const action = useConversationAction(conversation.id);
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const closeButton = useRef<HTMLButtonElement>(null);

  const cancelClose = () => {
    setClosing(false);
    setReason('');
    closeButton.current?.focus();
  };
  const confirmClose = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return;
    action.mutate({ kind: 'close', reason: trimmed }, { onSuccess: () => setClosing(false) });
  };
  const onFormKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') cancelClose();
  };

  return (
    <div className="actions">
      <div className="action-buttons">
        {mine ? (
          <>
            <button type="button" className="button" disabled={action.isPending} onClick={() => action.mutate({ kind: 'release' })}>
              Devolver para a Sara
            </button>
            <button
              ref={closeButton}
              type="button"
              className="button button-danger"
              aria-expanded={closing}
              aria-controls="close-form"
              onClick={() => (closing ? cancelClose() : setClosing(true))}
            >
              Encerrar conversa
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={action.isPending}
            onClick={() => action.mutate({ kind: 'takeover' }, { onSuccess: onTookOver })}
          >
            Assumir conversa
          </button>
        )}
      </div>
      {mine && closing && (
        <form id="close-form" className="close-form" aria-label="Encerrar conversa" onSubmit={confirmClose} onKeyDown={onFormKeyDown}>
          <div className="field">
            <label htmlFor="close-reason">Motivo</label>
            <input id="close-reason" type="text" required maxLength={200} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="form-buttons">
            <button type="submit" className="button button-danger" disabled={action.isPending}>
              Encerrar
            </button>
            <button type="button" className="button button-quiet" onClick={cancelClose}>
              Cancelar
            </button>
          </div>
        </form>
      )}
      {action.isError && (
        <p role="alert" className="alert">
          {errorMessage(action.error)}
        </p>
      )}
    </div>
  );
}
