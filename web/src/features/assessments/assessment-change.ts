import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { notifyProblem, notifySuccess } from '../../components/notify.js';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (result) => {
      notifySuccess(saved);
      await queryClient.invalidateQueries({ queryKey: refresh });
      await then?.(result);
    },
    onError: notifyProblem,
  });
}
