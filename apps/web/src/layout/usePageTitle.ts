import { useEffect } from 'react';

/** Every page names itself (the tab title, read first by screen readers). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Procurement Journey`;
  }, [title]);
}
