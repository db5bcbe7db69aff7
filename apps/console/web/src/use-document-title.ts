import { useEffect } from 'react';

/** Screen readers announce the title on navigation, and it tells browser tabs apart. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Sara`;
  }, [title]);
}
