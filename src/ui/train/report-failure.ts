import { appStore } from '../../store/app-store';

/** A training command that could not run: its sentence goes to the Train page's log, never to the console alone. */
export function reportFailure(error: unknown): void {
  appStore.getState().logTraining({ level: 'error', text: error instanceof Error ? error.message : String(error) });
}
