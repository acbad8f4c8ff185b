// Route /new and /new/:draftId: a new form gets a draft id in its URL at once, so a reload finds its draft.
import { useEffect } from 'react';
import { useLocation, useParams } from 'wouter';
import { loadFormNamespaces } from '@/components/form/namespaces.ts';
import { IntakeForm } from './intake-form.tsx';

// The page's texts arrive with its chunk, so it never renders untranslated keys.
await loadFormNamespaces(['intake']);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function IntakePage() {
  const { draftId } = useParams<{ draftId?: string }>();
  const [, navigate] = useLocation();
  const id = draftId && UUID_RE.test(draftId) ? draftId : undefined;
  useEffect(() => {
    if (!id) navigate(`/new/${crypto.randomUUID()}`, { replace: true });
  }, [id, navigate]);
  // Keyed by the draft, so "Register another" starts a fresh form rather than reusing the last one's state.
  return id ? <IntakeForm key={id} draftId={id} /> : null;
}
