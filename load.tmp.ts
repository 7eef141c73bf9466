import { loadConfigFile } from './src-main/core/config/load';
import { formatDiagnostic } from './src-main/core/config/diagnostics';
for (const f of process.argv.slice(2)) {
  const r = await loadConfigFile(f);
  console.log(f, r.config ? 'OK' : 'FAIL', r.diagnostics.length);
  for (const d of r.diagnostics.slice(0, 15)) console.log('  ' + formatDiagnostic(d));
}
