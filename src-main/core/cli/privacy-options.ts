import { Option } from 'commander';
import { CLOUD_ESCALATIONS } from '../privacy/egress-guard';

/**
 * `--cloud-escalation never|allow|ask`, shared by the commands that decide
 * where requests go. With `saved`, no default: the choice saved in the data
 * folder (Settings) applies, else allow.
 */
export function cloudEscalationOption(saved = false): Option {
  const option = new Option(
    '--cloud-escalation <mode>',
    saved
      ? 'cloud lanes: never; allow (requests that are not private go where the policy says); ask (default: the saved choice, else allow)'
      : 'cloud lanes: never; allow (requests that are not private go where the policy says); ask',
  ).choices(CLOUD_ESCALATIONS);
  return saved ? option : option.default('allow');
}
