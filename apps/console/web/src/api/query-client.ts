import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isSessionExpired } from './client.js';
import { sessionKey } from './keys.js';
import { rememberSignedIn } from './session.js';

/**
 * The one place that turns an expired session into the login page: any query or mutation
 * answered 401 clears the session, and the route guard does the rest.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (!isSessionExpired(error)) return;
    rememberSignedIn(false);
    queryClient.setQueryData(sessionKey, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // A 4xx will answer the same again; only a dropped connection or a 5xx is worth a retry.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
