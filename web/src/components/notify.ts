import { notifications } from '@mantine/notifications';
import { isSessionEnded, ProblemError } from '../api/http.js';
import { i18next } from '../i18n/i18n.js';

function show(color: 'green' | 'red', message: string, autoClose: number): void {
  notifications.show({
    color,
    message,
    autoClose,
    closeButtonProps: { 'aria-label': i18next.t('action.close') },
  });
}

export function notifySuccess(message: string): void {
  show('green', message, 4000);
}

const problemMessage = (error: unknown) =>
  error instanceof ProblemError ? error.problem.title : i18next.t('errors.unexpected');

/** Tells what failed; an ended session is told once, by the handler that signs the app out. */
export function notifyProblem(error: unknown): void {
  if (!isSessionEnded(error)) show('red', problemMessage(error), 8000);
}

export function notifySessionEnded(error: unknown): void {
  show('red', problemMessage(error), 8000);
}
