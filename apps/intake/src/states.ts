import { ErrorReason } from '@tdkt/contracts';
import { SubmissionAction, SubmissionState, SubmissionStateName, transition } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';

/** The catalogue reason of each refused step (libs/domain `transition` says whether it is). */
const REFUSED: Record<SubmissionAction, ErrorReason> = {
  SUBMIT: 'SUBMISSION_NOT_OPEN',
  RETURN: 'SUBMISSION_NOT_RETURNABLE',
  ACCEPT: 'SUBMISSION_NOT_ACCEPTABLE',
  EDIT_FILES: 'SUBMISSION_FILES_LOCKED',
};

/** The state after `action`, or the coded refusal (409) naming the current state. */
export function step(state: string, action: SubmissionAction): SubmissionState {
  const t = transition(state as SubmissionStateName, action);
  if ('refused' in t) throw AppError.of(REFUSED[action], { state });
  return t.to as SubmissionState;
}
