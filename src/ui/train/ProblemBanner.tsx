import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import { reportFailure } from './report-failure';

const NAN_TIPS = [
  'lower the learning rate (try 10× smaller)',
  'normalise the inputs (the Data page can scale them)',
  'add BatchNormalization or use a smaller initialisation',
  'check the loss matches the task and output layer',
];

/** The current run's problem as something to act on: NaN guard, setup failure, worker crash. */
export function ProblemBanner() {
  const problem = useAppStore((s) => s.trainingProblem);
  const hasWeights = useAppStore((s) => s.lastCheckpoint !== null || (s.currentRunId !== null && s.currentRunId in s.runWeights));
  if (!problem) return null;
  if (problem.kind === 'crash') {
    const training = appSession().training;
    const next = training.nextBackend();
    return (
      <div className="train-problem" role="alert">
        <p>
          <strong>Training stopped unexpectedly.</strong> {problem.message} Your graph and data
          {hasWeights ? ', and the last good weights, are' : ' are'} kept.
        </p>
        <button type="button" onClick={() => training.retryOn(next).catch(reportFailure)}>
          Retry on {next}
        </button>
      </div>
    );
  }
  if (problem.kind === 'non-finite-loss') {
    return (
      <div className="train-problem" role="alert">
        <p>
          <strong>
            The loss became NaN or infinite at epoch {problem.epoch}, batch {problem.batch}.
          </strong>{' '}
          Training stopped before that batch changed the weights. Try: {NAN_TIPS.join('; ')}.
        </p>
      </div>
    );
  }
  return (
    <div className="train-problem" role="alert">
      <p>
        <strong>Training could not {problem.kind === 'setup' ? 'start' : 'continue'}.</strong> {problem.message}
      </p>
    </div>
  );
}
