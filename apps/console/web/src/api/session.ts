import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionResponse, SessionUser } from '../../../src/contract.js';
import { ApiError, request } from './client.js';
import { sessionKey } from './keys.js';

/**
 * Whether this browser signed in and has not signed out since. The session cookie is HttpOnly,
 * so this is the page's only hint; without it the page shows the login form instead of asking
 * the server, whose 401 browsers print in the console as a failed resource.
 */
const SIGNED_IN_MARK = 'sara-console:signed-in';

function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_MARK) === '1';
  } catch {
    return true; // storage disabled: ask the server every time
  }
}

export function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_MARK, '1');
    else localStorage.removeItem(SIGNED_IN_MARK);
  } catch {
    // Storage disabled: mayHaveSession() already falls back to asking.
  }
}

/** The signed-in session, or null when there is none (GET /api/session answers 401). */
export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }) => {
      if (!mayHaveSession()) return null;
      try {
        return await request<SessionResponse>('/api/session', { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          rememberSignedIn(false);
          return null;
        }
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/**
 * The session as the route guard last saw it. Read from context, not from the query, so that
 * pages still on screen while a logout or a 401 clears the query never see it missing.
 */
export const SessionContext = createContext<SessionResponse | null>(null);

/** For pages behind the route guard, where a session is known to exist. */
export function useSession(): { user: SessionUser; csrfToken: string } {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in route');
  return session;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => request<SessionResponse>('/api/session', { method: 'POST', body: credentials }),
    onSuccess: (session) => {
      rememberSignedIn(true);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const session = useSession();
  return useMutation({
    mutationFn: () => request<void>('/api/session', { method: 'DELETE', csrfToken: session.csrfToken }),
    onSettled: () => {
      rememberSignedIn(false);
      // Nothing of the last person's inbox may remain in memory for the next one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
