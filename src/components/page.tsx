// A screen's frame: its heading (the page's only h1) and the document title, so screen readers and the
// task switcher both say where the user is.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PageProps {
  title: string;
  children: ReactNode;
  /** Short text under the heading. */
  intro?: ReactNode;
}

export function Page({ title, intro, children }: PageProps) {
  const { t } = useTranslation('common');
  const appName = t('appName');
  useEffect(() => {
    document.title = `${title} — ${appName}`;
  }, [title, appName]);
  return (
    <div className="page">
      <h1 className="page__title">{title}</h1>
      {intro ? <p className="page__intro">{intro}</p> : null}
      {children}
    </div>
  );
}
