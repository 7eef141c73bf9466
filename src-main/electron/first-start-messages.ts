import type { NativeProblem } from './core-protocol';

// The words of the dialogs the desktop app shows when it cannot work fully:
// a native module that does not load in Electron, a core that will not run,
// a data folder that cannot be used. Each says what happened and what to do.

export interface DialogText {
  title: string;
  message: string;
  detail: string;
}

export function nativeProblemsDialog(problems: readonly NativeProblem[]): DialogText {
  const names = problems.map((problem) => problem.module);
  const subject =
    names.length === 1
      ? `The native module ${names[0]}`
      : `The native modules ${names.join(' and ')}`;
  const sections = problems.map((problem) =>
    [`${problem.module}: ${problem.impact}`, `Error: ${problem.error}`, `Fix: ${problem.fix}`].join(
      '\n',
    ),
  );
  return {
    title: 'Homelane: a native module cannot load',
    message: `${subject} cannot be loaded by Electron.`,
    detail: [...sections, 'Homelane keeps running with what works.'].join('\n\n'),
  };
}

export function coreFailedDialog(reason: string): DialogText {
  return {
    title: 'Homelane: the core is not running',
    message: 'The part of Homelane that routes and stores your chats is not running.',
    detail: `${reason}\n\nThe window stays open; each page says what is unavailable.`,
  };
}

export function startFailedDialog(reason: string): DialogText {
  return {
    title: 'Homelane cannot start',
    message: 'Homelane could not start.',
    detail:
      `${reason}\n\nThe data folder can be chosen with the HOMELANE_DATA_DIR environment ` +
      'variable. Without a desktop, `npx homelane serve` runs the same app in a browser.',
  };
}
