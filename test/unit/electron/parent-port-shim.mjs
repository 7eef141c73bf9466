// Loaded with `node --import` before the built core process: gives it the
// `process.parentPort` Electron gives a utility process, carried over Node's
// child-process IPC channel (structured clone, like Electron's port). As with
// Electron's port, messages wait until a 'message' listener is registered.
import { EventEmitter } from 'node:events';

const parentPort = new EventEmitter();
const waiting = [];
parentPort.postMessage = (message) => process.send(message);
parentPort.on('newListener', (event) => {
  if (event !== 'message') return;
  setImmediate(() => {
    for (const data of waiting.splice(0)) parentPort.emit('message', { data });
  });
});
process.on('message', (data) => {
  if (parentPort.listenerCount('message') === 0) waiting.push(data);
  else parentPort.emit('message', { data });
});
process.parentPort = parentPort;
