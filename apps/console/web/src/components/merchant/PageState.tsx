import { errorMessage } from '../../labels.js';

/** What a page says while its data loads, or when it could not. */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="muted">
      Carregando {what}…
    </p>
  );
}

export function LoadError({ error }: { error: unknown }) {
  return (
    <p role="alert" className="alert">
      {errorMessage(error)}
    </p>
  );
}
