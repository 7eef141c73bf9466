import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Three builds: the Electron main process (which also carries the desktop
// app's core process, the `homelane` CLI, the headless server and the ONNX
// inference worker started one thread per model), the sandboxed preload, and
// the React renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          // The core (routing, SQLite, ONNX) runs in an Electron utility process.
          'core-process': resolve('src-main/electron/core-process.ts'),
          cli: resolve('src-main/core/cli/main.ts'),
          'inference-worker': resolve('src-main/core/ml/runtime/inference-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot `require` packages: bundle everything it uses.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Also served over HTTP by `homelane serve`: ship it minified.
      minify: true,
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
