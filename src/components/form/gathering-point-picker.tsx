// The gathering-point field of a coordinator of several points: a choice among their own points instead of
// a name that had to be typed exactly. One component for the intake form and the profile in Settings.
import type { SpaceSummary } from '@schema/protocol.ts';
import { Field, type FieldProps } from './field.tsx';

export interface GatheringPointPickerProps extends Omit<FieldProps, 'kind' | 'options' | 'hasEmptyOption' | 'placeholder'> {
  points: readonly SpaceSummary[];
  /** Text of the empty first option: "choose" where a point is required, "none" where it may stay unset. */
  placeholder: string;
}

/**
 * A native select, not radios: its empty first option shows plainly that nothing is chosen yet (a draft
 * from before the list never looks picked), it stays one row high at 360 px whatever the number of points,
 * and the phone opens its own large list to pick from. The value is the point's id, as the inquiry records
 * it, so renaming a point while a form is open changes only what the option reads.
 */
export function GatheringPointPicker({ points, ...field }: GatheringPointPickerProps) {
  return <Field {...field} kind="select" options={points.map((p) => ({ value: p.id, label: p.name }))} />;
}
