import type { QueryKey } from '@tanstack/react-query';
import { useAction } from '../../components/form-dialog.js';
import { notifyProblem } from '../../components/notify.js';
import { assessmentsKey } from './assessments.api.js';

type Change<Result> = {
  /** The words that say it is saved. */
  saved: string;
  /** What the change makes stale: by default everything of the assessments. */
  refresh?: QueryKey;
  /** Once refreshed, e.g. to close the dialog or open the new assessment. */
  then?: (result: Result) => unknown;
};

/**
 * A change to an assessment: said once the server has it, then what it makes stale is read again
 * while the button still spins, and only then what follows. A refusal is notified.
 */
export function useAssessmentChange<Input = void, Result = unknown>(
  run: (input: Input) => Promise<Result>,
  { saved, refresh = assessmentsKey, then }: Change<Result>,
) {
  return useAction(
    run,
    { invalidate: [refresh], done: () => saved, awaitRefresh: true, ...(then ? { then } : {}) },
    notifyProblem,
  );
}
