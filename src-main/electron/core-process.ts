// The entry of the core process: Electron's main starts this file with
// utilityProcess.fork, so routing, SQLite and ONNX inference run outside
// the main process and never hold up the window. Main and this process talk
// over the utility process's port (see core-protocol.ts).
import { createLogger } from '../core/logger';
import { runCoreHost } from './core-host';
import { probeNativeModules } from './native-modules';

const log = createLogger('core-process');

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

// Electron adds `parentPort` to `process` in a utility process only.
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

if (!parentPort) {
  process.stderr.write(
    'This is the Homelane desktop app’s core process; the app starts it. Run `npm start`.\n',
  );
  process.exit(1);
}

process.on('unhandledRejection', (reason) => {
  log.error({ err: reason }, 'an unhandled rejection in the core process');
});

runCoreHost({
  port: {
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
  },
  probe: () => probeNativeModules(),
  // Loaded only now, so a module that cannot load becomes a reported start failure.
  open: async (options) => (await import('./core-services')).openCoreServices(options),
  exit: (code) => process.exit(code),
});
