import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConversationChangedEvent } from '../../../src/contract.js';
import { conversationKey, inboxKeyPrefix, sessionKey } from './keys.js';

/**
 * Keeps the inbox and open conversations current from GET /api/events. EventSource reconnects
 * by itself; what it missed while away is fetched again when it comes back.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/events');
    let opened = false;

    const onConversation = (event: MessageEvent<string>) => {
      let data: Partial<ConversationChangedEvent>;
      try {
        data = JSON.parse(event.data) as Partial<ConversationChangedEvent>;
      } catch {
        return;
      }
      void queryClient.invalidateQueries({ queryKey: inboxKeyPrefix });
      if (typeof data.conversationId === 'string') void queryClient.invalidateQueries({ queryKey: conversationKey(data.conversationId) });
    };
    const onOpen = () => {
      if (opened) {
        void queryClient.invalidateQueries({ queryKey: inboxKeyPrefix });
        void queryClient.invalidateQueries({ queryKey: ['conversation'] });
      }
      opened = true;
    };
    // EventSource gives up without saying why; an expired session is the usual reason, and
    // asking the session endpoint sends the person to the login page if so.
    const onError = () => {
      if (source.readyState === EventSource.CLOSED) void queryClient.invalidateQueries({ queryKey: sessionKey });
    };

    source.addEventListener('conversation', onConversation);
    source.addEventListener('open', onOpen);
    source.addEventListener('error', onError);
    return () => source.close();
  }, [queryClient]);
}
