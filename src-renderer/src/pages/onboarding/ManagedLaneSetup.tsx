import { Container, Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import type {
  ApiErrorData,
  DockerEngine,
  ManagedLaneSpecView,
  ManagedProgress,
} from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { useOnboarding } from './onboarding-store';

const LANE_NAME = 'vllm';

type Engine = { status: 'checking' } | { status: 'ready'; engine: DockerEngine };
type Spec =
  | { status: 'loading' }
  | { status: 'ready'; spec: ManagedLaneSpecView; saved: boolean }
  | { status: 'error'; error: ApiErrorData };
type Start =
  | { status: 'idle' | 'starting' }
  | { status: 'running'; last: ManagedProgress | null }
  | { status: 'error'; error: ApiErrorData };

const gib = (bytes: number) => `${Math.round(bytes / 1024 ** 3)} GiB`;

/** The managed ROCm vLLM container: offered only where a Docker engine answers. */
export function ManagedLaneSetup() {
  const client = useClient();
  const noteSaved = useOnboarding((s) => s.noteSaved);
  const [engine, setEngine] = useState<Engine>({ status: 'checking' });
  const [spec, setSpec] = useState<Spec>({ status: 'loading' });
  const [start, setStart] = useState<Start>({ status: 'idle' });

  useEffect(() => {
    let live = true;
    void client.call('lanes.managed.engine', {}).then(async (result) => {
      if (!live) return;
      const found: DockerEngine = result.ok
        ? result.data
        : { available: false, where: '', version: null, problem: result.error };
      setEngine({ status: 'ready', engine: found });
      if (!found.available) return;
      const loaded = await client.call('lanes.managed.spec.get', { name: LANE_NAME });
      if (!live) return;
      setSpec(
        loaded.ok
          ? { status: 'ready', spec: loaded.data.spec, saved: loaded.data.saved }
          : { status: 'error', error: loaded.error },
      );
    });
    const stop = client.subscribe('lanes.managed.progress', (event) => {
      if (event.name === LANE_NAME) setStart({ status: 'running', last: event });
    });
    return () => {
      live = false;
      stop();
    };
  }, [client]);

  const startLane = async () => {
    if (spec.status !== 'ready') return;
    setStart({ status: 'starting' });
    if (!spec.saved) {
      const saved = await client.call('lanes.managed.spec.set', { spec: { ...spec.spec } });
      if (!saved.ok) return setStart({ status: 'error', error: saved.error });
      setSpec({ status: 'ready', spec: saved.data.spec, saved: true });
    }
    const up = await client.call('lanes.managed.up', { name: LANE_NAME });
    if (!up.ok) return setStart({ status: 'error', error: up.error });
    noteSaved('lanes', LANE_NAME);
    setStart((previous) =>
      previous.status === 'running' ? previous : { status: 'running', last: null },
    );
  };

  return (
    <section className="card" aria-label="Managed container" data-testid="managed-setup">
      <h3 className="card__title">A managed vLLM container (ROCm)</h3>
      {engine.status === 'checking' ? (
        <p className="muted">Looking for a Docker engine…</p>
      ) : !engine.engine.available ? (
        <p className="muted" data-testid="no-docker">
          {engine.engine.problem?.message ??
            'No Docker engine answers here, so Homelane cannot run a container for you.'}{' '}
          A server on your network or a cloud key works instead.
        </p>
      ) : (
        <>
          <p className="muted onb-lead">
            Docker {engine.engine.version ?? ''} answers at <code>{engine.engine.where}</code>.
            Homelane can run the reference AMD ROCm deployment for you.
          </p>
          {spec.status === 'loading' ? <p className="muted">Reading the defaults…</p> : null}
          {spec.status === 'error' ? (
            <p className="onb-problem" role="alert">
              {spec.error.message}
            </p>
          ) : null}
          {spec.status === 'ready' ? (
            <dl className="facts" data-testid="managed-defaults">
              <Row label="Image" value={spec.spec.image} />
              <Row label="Model" value={spec.spec.model} />
              <Row
                label="GPU devices"
                value={spec.spec.devices.map((d) => d.hostPath).join(', ')}
              />
              <Row
                label="ROCm settings"
                value={Object.entries(spec.spec.env)
                  .map(([key, value]) => `${key}=${value}`)
                  .join(' ')}
              />
              <Row
                label="Memory"
                value={`${Math.round(spec.spec.gpuMemoryUtilization * 100)}% of GPU memory, ${gib(spec.spec.shmSizeBytes)} shared memory, ${spec.spec.maxModelLen} tokens of context`}
              />
              <Row
                label="Serves"
                value={`${spec.spec.servedModelNames.join(', ')} on ${spec.spec.bindAddress}:${spec.spec.hostPort}`}
              />
            </dl>
          ) : null}
          <div className="onb-inline-form">
            <button
              type="button"
              className="lanes-button"
              disabled={
                spec.status !== 'ready' || start.status === 'starting' || start.status === 'running'
              }
              onClick={() => void startLane()}
            >
              <Play size={14} aria-hidden="true" />
              <span>{start.status === 'running' ? 'Started' : 'Start the container'}</span>
            </button>
            <span className="muted">
              The first start downloads the image and the model; that can take a long while.
            </span>
          </div>
          {start.status === 'running' ? (
            <p className="onb-ok" role="status">
              <Container size={14} aria-hidden="true" />{' '}
              {start.last ? `${start.last.step}: ${start.last.message}` : 'Starting…'}
            </p>
          ) : null}
          {start.status === 'error' ? (
            <p className="onb-problem" role="alert">
              {start.error.message}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
