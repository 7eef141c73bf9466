// The Content-Security-Policy every page of the app is served with (as a
// response header, see app-protocol.ts). Only our own files run; nothing is
// fetched from the network; no plugins, no framing, no <base> tricks.
//
// `style-src` keeps 'unsafe-inline' because the renderer needs it: the DSL
// editor (CodeMirror) mounts its theme as <style> elements at run time.
// Scripts get no such allowance.

const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join(
  '; ',
);
