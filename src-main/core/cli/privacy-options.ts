import { Option } from 'commander';
import { CLOUD_ESCALATIONS } from '../privacy/egress-guard';

/** `--cloud-escalation never|allow|ask`, shared by the commands that decide where requests go. */
export function cloudEscalationOption(): Option {
  return new Option(
    '--cloud-escalation <mode>',
    'cloud lanes: never; allow (requests that are not private go where the policy says); ask',
  )
    .choices(CLOUD_ESCALATIONS)
    .default('allow');
}
