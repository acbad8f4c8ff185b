// A message about what just happened. Errors are alerts (read out at once); everything else is a polite
// status. Tone is shown by an icon (drawn in CSS, so it stays out of the text) and words as well as colour.
import type { ReactNode } from 'react';

export interface StatusMessageProps {
  tone: 'error' | 'info' | 'ok';
  children: ReactNode;
  id?: string;
}

export function StatusMessage({ tone, children, id }: StatusMessageProps) {
  return (
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className={`status-message status-message--${tone}`}>
      <div className="status-message__body">{children}</div>
    </div>
  );
}
