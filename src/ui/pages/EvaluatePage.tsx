import { useEffect, useMemo } from 'react';
import { useAppStore } from '../../store/app-store';
import type { ScoredModel } from '../../store/evaluation-slice';
import type { PreparedDataset } from '../../data/types';
import { thresholdSweep } from '../../training/curves-threshold';
import { classificationReport } from '../../training/report';
import { binaryScores } from '../../training/report-input';
import { regressionReport } from '../../training/report-regression';
import { BinaryCurves } from '../evaluate/BinaryCurves';
import { ClassTable } from '../evaluate/ClassTable';
import { ConfusionMatrix } from '../evaluate/ConfusionMatrix';
import { appSession } from '../../session/app';
import { choiceOf, weightsOfChoice } from '../../session/evaluation';
import { RunPicker } from '../evaluate/RunPicker';
import { Examples } from '../evaluate/Examples';
import { score, value } from '../evaluate/format';
import { RegressionView } from '../evaluate/RegressionView';
import { TryIt } from '../evaluate/TryIt';
import { GeneratePanel } from '../evaluate/GeneratePanel';
import { LanguageModelView } from '../evaluate/LanguageModelView';
import { TextTryIt } from '../evaluate/TextTryIt';
import { ClassicBaseline } from '../evaluate/ClassicBaseline';
import { GanEvaluateView } from '../evaluate/gan/GanEvaluateView';
import '../evaluate.css';

function Stat({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="eval-stat">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ClassificationView({ scored, dataset }: { scored: ScoredModel; dataset: PreparedDataset }) {
  const threshold = useAppStore((s) => s.threshold);
  const binary = dataset.task === 'binary' && scored.units <= 2;
  const labels = dataset.test.y;
  const classCount = Math.max(scored.units, 2);
  const report = useMemo(
    () =>
      classificationReport(scored.predictions, scored.units, labels, classCount, {
        ...(binary ? { threshold } : {}),
        ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
      }),
    [scored, labels, classCount, binary, threshold, dataset.classNames],
  );
  const scores = useMemo(() => (binary ? binaryScores(scored.predictions, scored.units) : null), [binary, scored]);
  const sweep = useMemo(() => (scores ? thresholdSweep(scores, labels) : null), [scores, labels]);
  return (
    <>
      <dl className="eval-stats eval-headline" aria-label="Test scores">
        <Stat name="accuracy">{score(report.accuracy)}</Stat>
        <Stat name="macro F1">{score(report.macro.f1)}</Stat>
        <Stat name="weighted F1">{score(report.weighted.f1)}</Stat>
        <Stat name="macro recall">{score(report.macro.recall)}</Stat>
        {report.topK.map((t) => (
          <Stat key={t.k} name={`top-${t.k} accuracy`}>
            {score(t.accuracy)}
          </Stat>
        ))}
        <Stat name="test loss">{value(scored.loss)}</Stat>
      </dl>
      <ClassicBaseline dataset={dataset} accuracy={report.accuracy} />
      {scores && sweep && <BinaryCurves scores={scores} labels={labels} sweep={sweep} />}
      <div className="eval-grid">
        <ConfusionMatrix report={report} classNames={dataset.classNames} />
        <ClassTable report={report} />
      </div>
      <Examples scored={scored} dataset={dataset} threshold={binary ? threshold : undefined} />
    </>
  );
}

function RegressionSection({ scored, dataset }: { scored: ScoredModel; dataset: PreparedDataset }) {
  const report = useMemo(() => regressionReport(scored.predictions, dataset.test.y), [scored, dataset.test.y]);
  return (
    <>
      <dl className="eval-stats eval-headline" aria-label="Test scores">
        <Stat name="MSE">{value(report.mse)}</Stat>
        <Stat name="RMSE">{value(report.rmse)}</Stat>
        <Stat name="MAE">{value(report.mae)}</Stat>
        <Stat name="R²">{score(report.r2)}</Stat>
      </dl>
      <RegressionView report={report} />
      <Examples scored={scored} dataset={dataset} threshold={undefined} />
    </>
  );
}

/** A GAN's Evaluate page is its own (src/ui/evaluate/gan); any other model's is below. */
export function EvaluatePage() {
  const isGan = useAppStore((s) => s.gan !== null);
  return isGan ? <GanEvaluateView /> : <ModelEvaluatePage />;
}

function ModelEvaluatePage() {
  const dataset = useAppStore((s) => s.dataset);
  const weights = useAppStore((s) => weightsOfChoice(s, choiceOf(s)));
  const evaluation = appSession().evaluation;
  const status = useAppStore((s) => s.evaluationStatus);
  const scored = useAppStore((s) => s.evaluation);
  const error = useAppStore((s) => s.evaluationError);
  const training = useAppStore((s) => s.trainingStatus !== 'idle');
  const blocker = evaluation.blocker();
  const stale = scored !== null && scored.weightsRef !== weights;
  useEffect(() => {
    if (!evaluation.blocker() && (scored === null || stale) && status !== 'running' && status !== 'failed')
      void evaluation.evaluate();
  }, [evaluation, scored, stale, status, weights, dataset]);
  return (
    <div className="eval-page">
      <header className="eval-header">
        <h2>Evaluate</h2>
        {scored && dataset && (
          <p className="eval-note" data-testid="eval-source">
            {scored.label} on the {scored.n} test {dataset.task === 'next-token' ? 'windows' : 'samples'} of{' '}
            {dataset.name} (never used in training) · {scored.backend} · {scored.seconds.toFixed(2)} s
          </p>
        )}
        <RunPicker />
        <button
          type="button"
          onClick={() => void evaluation.evaluate()}
          disabled={blocker !== null || status === 'running'}
        >
          {status === 'running' ? 'Evaluating…' : 'Evaluate again'}
        </button>
      </header>
      {blocker && (
        <div className="train-blocker" role="status">
          <p>{blocker.message}</p>
          <a href={`#/${blocker.page}`}>Go to the {blocker.page === 'data' ? 'Data' : 'Train'} page</a>
        </div>
      )}
      {training && (
        <p className="eval-note">
          Training is running: these scores are for the weights of the last finished epoch or run.
        </p>
      )}
      {error && (
        <p className="eval-error" role="alert">
          {error}
        </p>
      )}
      {status === 'running' && !scored && <p role="status">Scoring the test split…</p>}
      {scored && dataset && scored.n > 0 && (
        <>
          {dataset.task === 'next-token' ? (
            <>
              {scored.languageModel && <LanguageModelView scores={scored.languageModel} loss={scored.loss} />}
              <GeneratePanel key={dataset.id} />
            </>
          ) : (
            <>
              {dataset.task === 'regression' ? (
                <RegressionSection scored={scored} dataset={dataset} />
              ) : (
                <ClassificationView scored={scored} dataset={dataset} />
              )}
              {dataset.kind === 'text' ? (
                <TextTryIt key={dataset.id} dataset={dataset} />
              ) : (
                <TryIt key={dataset.id} dataset={dataset} />
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
