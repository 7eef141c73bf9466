import type { Command } from 'commander';
import { dockerEndpoint } from '../lanes/managed/docker-connection';
import { ManagedLane } from '../lanes/managed/managed-lane';
import type { LifecycleStep } from '../lanes/managed/managed-lane';
import { ManagedLaneError } from '../lanes/managed/managed-lane-error';
import {
  ManagedLaneSpecError,
  defaultManagedLaneSpec,
  parseManagedLaneSpec,
} from '../lanes/managed/managed-lane-spec';
import type { ManagedLaneSpec } from '../lanes/managed/managed-lane-spec';
import { LaneStoreError } from '../lanes/lane-store';
import type { CliIo } from './io';
import type { LanesContext, LanesOptions } from './lanes-context';
import { failExit, lanesContext, usageExit } from './lanes-context';

// `homelane lanes up NAME | down NAME | logs NAME`: the managed container.
// `up` makes the spec on first use (the reference deployment, serving the
// policy's aliases), applies --set edits, saves it, then runs the container.

export interface UpOptions extends LanesOptions {
  set?: string[];
}

/** `key=value`; the value is read as JSON when it is JSON (numbers, booleans, lists), else as text. */
export function applySpecEdits(spec: ManagedLaneSpec, edits: readonly string[]): unknown {
  const edited: Record<string, unknown> = { ...spec };
  for (const edit of edits) {
    const at = edit.indexOf('=');
    if (at <= 0) throw new ManagedLaneSpecError([`--set takes KEY=VALUE, not "${edit}"`]);
    const key = edit.slice(0, at);
    const raw = edit.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // plain text
    }
    if (!(key in spec))
      throw new ManagedLaneSpecError([`${key}: not a field of the managed lane spec`]);
    edited[key] = value;
  }
  return edited;
}

function specFor(
  name: string,
  context: LanesContext,
  edits: readonly string[],
  io: CliIo,
): ManagedLaneSpec {
  const stored = context.stored.managed.find((spec) => spec.name === name);
  let base = stored;
  if (!base) {
    if (!context.config) {
      usageExit(
        io,
        'up',
        `there is no managed lane "${name}" yet; give --config FILE so its served aliases come from the policy`,
      );
    }
    base = {
      ...defaultManagedLaneSpec([...context.config.models.keys()], { env: context.env }),
      name,
    };
  }
  try {
    return parseManagedLaneSpec(applySpecEdits(base, edits));
  } catch (error) {
    if (error instanceof ManagedLaneSpecError) usageExit(io, 'up', error.message);
    throw error;
  }
}

function storedSpec(
  name: string,
  context: LanesContext,
  io: CliIo,
  command: string,
): ManagedLaneSpec {
  const spec = context.stored.managed.find((entry) => entry.name === name);
  if (!spec) {
    const known = context.stored.managed.map((entry) => entry.name);
    usageExit(
      io,
      command,
      `no managed lane "${name}"${known.length ? ` (there is ${known.join(', ')})` : ''}`,
    );
  }
  return spec;
}

function describeStep(step: LifecycleStep): string {
  if (step.step === 'pull') {
    const { layers, layersDone, downloadedBytes, totalBytes } = step.progress;
    const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
    return `pull: ${layersDone}/${layers} layers, ${mb(downloadedBytes)}/${mb(totalBytes)} MB`;
  }
  if (step.step === 'health')
    return `health: ${step.message} (${Math.round(step.elapsedMs / 1000)} s)`;
  return `${step.step}: ${step.message}`;
}

async function withLaneErrors<T>(io: CliIo, command: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ManagedLaneError)
      failExit(io, command, `${error.message} [${error.code}]`);
    if (error instanceof LaneStoreError) failExit(io, command, error.message);
    throw error;
  }
}

export async function runLanesUp(
  name: string,
  options: UpOptions,
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const context = await lanesContext(options, io, env);
  const spec = specFor(name, context, options.set ?? [], io);
  await withLaneErrors(io, 'up', async () => {
    context.store.putManaged(spec);
    const lane = new ManagedLane(spec, dockerEndpoint(context.env));
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let lastLine = '';
    try {
      const status = await lane.up({
        signal: controller.signal,
        onStep: (step) => {
          const line = describeStep(step);
          if (line !== lastLine) io.err(`${line}\n`);
          lastLine = line;
        },
      });
      io.out(
        options.json
          ? `${JSON.stringify(status, null, 2)}\n`
          : `${spec.name} is running at ${status.baseUrl} (container ${status.containerId?.slice(0, 12) ?? '?'})\n`,
      );
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

export async function runLanesDown(
  name: string,
  options: LanesOptions & { remove?: boolean },
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const context = await lanesContext(options, io, env);
  const spec = storedSpec(name, context, io, 'down');
  await withLaneErrors(io, 'down', async () => {
    const lane = new ManagedLane(spec, dockerEndpoint(context.env));
    if (options.remove) {
      await lane.remove();
      io.out(`${name}: container removed\n`);
      return;
    }
    const status = await lane.down();
    io.out(`${name}: ${status.state}\n`);
  });
}

export async function runLanesLogs(
  name: string,
  options: LanesOptions & { follow?: boolean; tail?: string },
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const context = await lanesContext(options, io, env);
  const spec = storedSpec(name, context, io, 'logs');
  const tail = options.tail === undefined ? 200 : Number(options.tail);
  if (!Number.isInteger(tail) || tail < 0)
    usageExit(io, 'logs', '--tail takes a whole number of lines');
  await withLaneErrors(io, 'logs', async () => {
    const lane = new ManagedLane(spec, dockerEndpoint(context.env));
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    try {
      for await (const entry of lane.logs({
        follow: options.follow === true,
        tail,
        signal: controller.signal,
      })) {
        (entry.stream === 'stderr' ? io.err : io.out)(`${entry.line}\n`);
      }
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function addManagedLaneCommands(
  lanes: Command,
  io: CliIo,
  common: (command: Command) => Command,
): void {
  common(
    lanes
      .command('up <name>')
      .description(
        'start the managed ROCm vLLM container NAME (made from the reference deployment on first use)',
      )
      .option(
        '--set <key=value>',
        'change a field of the lane spec, e.g. hostPort=8091 (repeatable)',
        collect,
      )
      .option('--json', 'print JSON'),
  ).action((name: string, options: UpOptions) => runLanesUp(name, options, io));

  common(
    lanes
      .command('down <name>')
      .description('stop the managed container NAME')
      .option('--remove', 'also remove the container (the image and the spec stay)'),
  ).action((name: string, options: LanesOptions & { remove?: boolean }) =>
    runLanesDown(name, options, io),
  );

  common(
    lanes
      .command('logs <name>')
      .description("print the managed container's output")
      .option('-f, --follow', 'keep printing until Ctrl-C')
      .option('--tail <lines>', 'how many recent lines', '200'),
  ).action((name: string, options: LanesOptions & { follow?: boolean; tail?: string }) =>
    runLanesLogs(name, options, io),
  );
}
