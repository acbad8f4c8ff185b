// Step 1: the inquiry itself — where, by whom, when, how the family came, their language, and any numbers
// other bodies already gave them.
import { useTranslation } from 'react-i18next';
import type { SpaceSummary } from '@schema/protocol.ts';
import { Field } from '@/components/form/field.tsx';
import { GatheringPointPicker } from '@/components/form/gathering-point-picker.tsx';
import { useEnumOptions } from '@/components/form/use-enum-options.ts';
import { isGatheringPointChosen } from '@/db/device.ts';
import { useIntakeField } from './use-intake-field.ts';

/**
 * `gatheringPoints`: this device's points. Only a coordinator of several chooses; a volunteer's phone says
 * its one point (the form holds its id already), and a phone not enrolled yet says how it will be filed.
 */
export function StepInquiry({ gatheringPoints }: { gatheringPoints: readonly SpaceSummary[] }) {
  const { t } = useTranslation('intake');
  const bind = useIntakeField();
  const options = useEnumOptions();
  const [only] = gatheringPoints;
  return (
    <>
      {isGatheringPointChosen(gatheringPoints) ? (
        <GatheringPointPicker
          {...bind('inquiry.gatheringPointId')}
          points={gatheringPoints}
          label={t('fields.inquiry.gatheringPoint')}
          hint={t('hints.gatheringPointChoice')}
          placeholder={t('choose')}
          isRequired
        />
      ) : (
        <p className="field__hint">{only ? t('gatheringPointOfPhone', { name: only.name }) : t('gatheringPointNotEnrolled')}</p>
      )}
      <Field {...bind('inquiry.volunteerName')} label={t('fields.inquiry.volunteerName')} />
      <Field {...bind('inquiry.registeredOn')} kind="date" label={t('fields.inquiry.registeredOn')} hint={t('hints.deviceDate')} isRequired />
      <Field {...bind('inquiry.channel')} kind="radios" label={t('fields.inquiry.channel')} options={options('inquiryChannel')} isRequired />
      <Field {...bind('inquiry.familyLanguage')} kind="radios" label={t('fields.inquiry.familyLanguage')} options={options('language')} isRequired />
      <details className="repeat">
        <summary className="choice">{t('referrals.title')}</summary>
        <p className="field__hint">{t('referrals.hint')}</p>
        <Field {...bind('inquiry.referrals.policeCaseNo')} label={t('fields.referrals.policeCaseNo')} />
        <Field {...bind('inquiry.referrals.coordinationHqNo')} label={t('fields.referrals.coordinationHqNo')} />
        <Field {...bind('inquiry.referrals.icrcReference')} label={t('fields.referrals.icrcReference')} />
        <Field {...bind('inquiry.referrals.registerExtractNo')} label={t('fields.referrals.registerExtractNo')} />
      </details>
      <Field {...bind('inquiry.notes')} kind="textarea" label={t('fields.inquiry.notes')} hint={t('hints.notes')} />
    </>
  );
}
