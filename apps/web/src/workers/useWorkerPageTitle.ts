import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab title of a worker page, in the worker's language. */
export function useWorkerPageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('frame.title')}`;
  }, [title, t]);
}
