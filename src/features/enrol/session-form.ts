// The form schemas of enrolment and sign-in: the protocol's limits, with messages that are keys of the
// `enrol` namespace (`errors.required`…), so the form speaks the user's language.
import { z } from 'zod';

const label = z.string().trim().min(1, { error: 'required' }).max(100, { error: 'tooLong' });

export const enrolFormSchema = z.object({
  code: z.string().trim().min(1, { error: 'required' }).max(40, { error: 'tooLong' }),
  deviceLabel: label,
});
export type EnrolForm = z.infer<typeof enrolFormSchema>;

export const signInFormSchema = z.object({
  login: z.string().trim().min(1, { error: 'required' }).max(100, { error: 'tooLong' }),
  password: z.string().min(1, { error: 'required' }).max(1000, { error: 'tooLong' }),
  deviceLabel: label,
});
export type SignInForm = z.infer<typeof signInFormSchema>;
