// Before registering: a sought person who probably is already registered on this phone (same person,
// another spelling, maybe asked about by another relative) is named, offline, in the matching worker. It never
// blocks the registration: two inquiries about one soldier are linked by a coordinator, never merged here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonKey } from '@schema/matching.ts';
import { formatReference } from '@schema/reference.ts';
import { StatusMessage } from '@/components/status-message.tsx';
import { inquiryIndex, type MatchablePerson } from '@/db/search-index.ts';
import { createMatchClient } from '@/lib/match-client.ts';

export interface DuplicateWarningProps {
  /** The people sought, as the registration will store them. */
  persons: { surname: string; givenName: string; patronymic: string; dateOfBirth: string; unit: string }[];
}

interface Similar {
  person: MatchablePerson;
  strong: boolean;
}

export function DuplicateWarning({ persons }: DuplicateWarningProps) {
  const { t } = useTranslation('intake');
  const [similar, setSimilar] = useState<Similar[] | null>(null);
  const signature = JSON.stringify(persons.map((p) => [p.surname, p.givenName, p.patronymic, p.dateOfBirth, p.unit]));

  useEffect(() => {
    const queries = (JSON.parse(signature) as string[][]).map(([surname = '', givenName = '', patronymic = '', birthDate = '', unit = ''], i) => ({
      id: String(i),
      key: { surname, givenName, patronymic, birthDate, unit } satisfies PersonKey,
    }));
    if (queries.every((q) => !q.key.surname)) return;
    const client = createMatchClient();
    let isCurrent = true;
    void (async () => {
      if (!inquiryIndex.isReady) await inquiryIndex.build();
      // This phone's own registrations, to avoid registering one person twice: not a comparison with lists.
      const people = inquiryIndex.matchablePersons({ consentedOnly: false });
      if (people.length === 0) {
        if (isCurrent) setSimilar([]);
        return;
      }
      await client.load(people.map((p) => ({ id: p.id, surname: p.surname, givenName: p.givenName, patronymic: p.patronymic, birthDate: p.birthDate, unit: p.unit })));
      const answers = await client.candidates(queries, 3);
      const byId = new Map(people.map((p) => [p.id, p]));
      const found = new Map<string, Similar>();
      for (const c of answers.flatMap((a) => a.candidates)) {
        const person = byId.get(c.caseId);
        if (person && !found.has(person.id)) found.set(person.id, { person, strong: c.band === 'strong' });
      }
      if (isCurrent) setSimilar([...found.values()]);
    })().finally(() => client.dispose());
    return () => {
      isCurrent = false;
    };
  }, [signature]);

  if (similar === null) return null;
  if (similar.length === 0) return <p className="form-note">{t('duplicates.none')}</p>;
  return (
    <StatusMessage tone="info">
      <p>{t('duplicates.intro')}</p>
      <ul>
        {similar.map(({ person }) => (
          <li key={person.id}>
            {t('duplicates.item', {
              name: [person.surname, person.givenName, person.patronymic].filter(Boolean).join(' '),
              year: person.birthDate.slice(0, 4) || t('duplicates.noYear'),
              reference: formatReference(person.reference),
            })}
          </li>
        ))}
      </ul>
      <p>{t('duplicates.note')}</p>
    </StatusMessage>
  );
}
