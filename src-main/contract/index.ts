export * from './app';
export * from './client';
export * from './ipc';
export * from './methods';
export * from './models';
export * from './result';
