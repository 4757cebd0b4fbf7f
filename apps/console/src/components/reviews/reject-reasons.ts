import { REVIEW_REJECT_REASONS } from '@app/contracts';
import { sentenceForCode } from '../../locale';

/** The reasons a reviewer can pick, each as the sentence the citizen will read. */
export const REJECT_REASON_OPTIONS = REVIEW_REJECT_REASONS.map((code) => ({
  value: code,
  label: sentenceForCode(code).replace(/。$/, ''),
}));
