import { ApiError } from '../api';
import { sentenceForCode } from '../locale';
import { fieldErrorsOf } from './api-feedback';

/**
 * The API's 400/422 answer as errors on an antd form's fields: each DTO field the API names (and each
 * domain code that is about one field, e.g. PARTNER_EXISTS → id) goes where `fieldFor` says, worded
 * as `messages` says for that code when given (the API speaks English; the notification keeps its
 * code and text); what has no field here is left to the notification.
 */
export function formErrorsOf<Name extends string>(
  error: unknown,
  fieldFor: Partial<Record<string, Name>>,
  messages: Partial<Record<string, string>> = {},
): { name: Name; errors: string[] }[] {
  const problems = new Map<Name, string[]>();
  const add = (name: Name | undefined, problem: string) => {
    if (name) problems.set(name, [...(problems.get(name) ?? []), problem]);
  };
  const fields = fieldErrorsOf(error);
  for (const { field, problem } of fields) add(fieldFor[field], problem);
  if (!fields.length && error instanceof ApiError)
    add(fieldFor[error.code], messages[error.code] ?? sentenceForCode(error.code));
  return [...problems].map(([name, errors]) => ({ name, errors }));
}
