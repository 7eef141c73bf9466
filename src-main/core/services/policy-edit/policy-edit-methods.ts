// The policy editor's methods, gathered for the handler table.

export { applyPolicy, rollbackPolicy } from './apply-policy';
export { diffPolicy } from './diff-policy';
export { exportPolicy } from './export-policy';
export { policyHistory, policyVersion } from './policy-versions';
export { compilePolicy, decompilePolicy, policyActive } from './read-policy';
