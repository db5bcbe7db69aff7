import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationResponse, InboxFilter, InboxResponse, SendMessageRequest, SendMessageResponse } from '../../../src/contract.js';
import { request } from './client.js';
import { conversationKey, inboxKey, inboxKeyPrefix } from './keys.js';
import { useSession } from './session.js';

export function useInbox(status: InboxFilter | null, q: string) {
  return useQuery({
    queryKey: inboxKey(status, q),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (status) params.set('status', status);
      if (q) params.set('q', q);
      const query = params.toString();
      return request<InboxResponse>(`/api/conversations${query ? `?${query}` : ''}`, { signal });
    },
    // Typing in the search box must not blank the list between answers.
    placeholderData: keepPreviousData,
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKey(id),
    queryFn: ({ signal }) => request<ConversationResponse>(`/api/conversations/${encodeURIComponent(id)}`, { signal }),
  });
}

type Action = { kind: 'takeover' } | { kind: 'release' } | { kind: 'close'; reason: string };

/** Takeover, release and close all answer the conversation as it now is. */
export function useConversationAction(id: string) {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: (action: Action) =>
      request<ConversationResponse>(`/api/conversations/${encodeURIComponent(id)}/${action.kind}`, {
        method: 'POST',
        csrfToken,
        body: action.kind === 'close' ? { reason: action.reason } : {},
      }),
    onSuccess: (response) => {
      queryClient.setQueryData(conversationKey(id), response);
      void queryClient.invalidateQueries({ queryKey: inboxKeyPrefix });
    },
    // A 409 means the conversation changed under us (someone took it, it closed): show it as it is.
    onError: () => void queryClient.invalidateQueries({ queryKey: conversationKey(id) }),
  });
}

export function useSendMessage(id: string) {
  const queryClient = useQueryClient();
  const { csrfToken } = useSession();
  return useMutation({
    mutationFn: ({ message, idempotencyKey }: { message: SendMessageRequest; idempotencyKey: string }) =>
      request<SendMessageResponse>(`/api/conversations/${encodeURIComponent(id)}/messages`, { method: 'POST', csrfToken, idempotencyKey, body: message }),
    onSuccess: ({ message }) => {
      // The server queued it (202): show it now; its delivery status arrives with the live events.
      queryClient.setQueryData<ConversationResponse>(conversationKey(id), (current) =>
        current && !current.conversation.messages.some((m) => m.id === message.id)
          ? { conversation: { ...current.conversation, messages: [...current.conversation.messages, message] } }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: conversationKey(id) });
      void queryClient.invalidateQueries({ queryKey: inboxKeyPrefix });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: conversationKey(id) }),
  });
}
