export * from './app';
export * from './client';
export * from './events';
export * from './ipc';
export * from './lanes';
export * from './methods';
export * from './models';
export * from './result';
