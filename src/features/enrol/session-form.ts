// The form schemas of enrolment and sign-in: the protocol's limits, with messages that are keys of the
// `enrol` namespace (`errors.required`…), so the form speaks the user's language.
import { hasNoControlChars } from '@schema/text.ts';
import { z } from 'zod';

/** The same rule as the server's (`lineSchema` in schema/protocol.ts): one visible line. */
const line = (max: number) =>
  z.string().trim().min(1, { error: 'required' }).max(max, { error: 'tooLong' }).refine(hasNoControlChars, { error: 'controlChars' });
const label = line(100);

export const enrolFormSchema = z.object({
  code: line(40),
  deviceLabel: label,
});
export type EnrolForm = z.infer<typeof enrolFormSchema>;

export const signInFormSchema = z.object({
  login: line(100),
  password: z.string().min(1, { error: 'required' }).max(1000, { error: 'tooLong' }),
  deviceLabel: label,
});
export type SignInForm = z.infer<typeof signInFormSchema>;
