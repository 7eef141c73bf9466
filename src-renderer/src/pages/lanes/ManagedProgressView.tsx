import { CircleAlert, CircleCheck, LoaderCircle } from 'lucide-react';
import type { ManagedProgress } from '../../../../src-main/contract';

const STEP_LABEL: Record<ManagedProgress['step'], string> = {
  preflight: 'Checking devices and port',
  network: 'Preparing the network',
  pull: 'Pulling the image',
  create: 'Creating the container',
  start: 'Starting the container',
  health: 'Loading the model',
  ready: 'Running',
  failed: 'Could not start',
};

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** Where a start is: the step, a bar while the image is pulled, the wait for /health, or why it failed. */
export function ManagedProgressView({ progress }: { progress: ManagedProgress }) {
  const { step, pull, error } = progress;
  const Icon = step === 'ready' ? CircleCheck : step === 'failed' ? CircleAlert : LoaderCircle;
  return (
    <div
      className={`managed-progress managed-progress--${step}`}
      role={step === 'failed' ? 'alert' : 'status'}
      data-testid="managed-progress"
      data-step={step}
    >
      <div className="managed-progress__line">
        <Icon
          size={14}
          aria-hidden="true"
          className={step === 'ready' || step === 'failed' ? undefined : 'lanes-spin'}
        />
        <span className="managed-progress__step">{STEP_LABEL[step]}</span>
        {step === 'health' && progress.elapsedMs !== null ? (
          <span className="field__hint">{Math.round(progress.elapsedMs / 1000)} s</span>
        ) : null}
        {error ? <code className="lane-error__code">{error.code}</code> : null}
      </div>
      {step === 'pull' && pull ? (
        <div className="managed-progress__pull">
          <progress
            max={Math.max(pull.totalBytes, 1)}
            value={pull.downloadedBytes}
            aria-label="Image download"
          />
          <span className="field__hint">
            {pull.layersDone}/{pull.layers} layers · {mb(pull.downloadedBytes)} of{' '}
            {mb(pull.totalBytes)}
          </span>
        </div>
      ) : null}
      <div className="managed-progress__message">{progress.message}</div>
    </div>
  );
}
