import { ApiError } from '../../../contract';
import type { PlaygroundProbes, PlaygroundProbesInput } from '../../../contract';
import { loadProbesText } from '../../probes/load-probes';
import { runProbes } from '../../probes/run-probes';
import type { ServiceContext } from '../context';
import { probesView } from './probe-report-view';

// `playground.probes`: a probe file picked in the UI, checked and run
// against the profile in force by the same loader and runner as
// `homelane probe`. A malformed file comes back as its located problems
// (nothing is run), never as a failed call.

export async function runPlaygroundProbes(
  ctx: ServiceContext,
  input: PlaygroundProbesInput,
): Promise<PlaygroundProbes> {
  const routing = ctx.routing;
  if (!routing) {
    throw new ApiError(
      'unavailable',
      'No routing profile is loaded, so there is nothing to probe.',
    );
  }
  const loaded = loadProbesText(input.text, input.fileName);
  if (!loaded.probes) return probesView(input.fileName, loaded.diagnostics, null);
  const probes = loaded.probes;
  const report = await routing.withRouter((router) => runProbes(router, probes));
  return probesView(input.fileName, loaded.diagnostics, report);
}
