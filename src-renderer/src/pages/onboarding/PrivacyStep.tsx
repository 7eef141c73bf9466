import { Cloud, CloudOff, MessageCircleQuestion } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { CloudEscalationChoice } from './privacy-choice';
import { usePrivacyChoice } from './privacy-choice';

const CHOICES: { id: CloudEscalationChoice; title: string; body: string; icon: LucideIcon }[] = [
  {
    id: 'never',
    title: 'Never use the cloud',
    body: 'Every request stays on this machine or your network, even hard ones.',
    icon: CloudOff,
  },
  {
    id: 'allow',
    title: 'As the profile decides',
    body: 'Requests that are not private may go to a cloud model when the profile sends them there.',
    icon: Cloud,
  },
  {
    id: 'ask',
    title: 'Ask me each time',
    body: 'A request the profile would send to the cloud waits for your yes.',
    icon: MessageCircleQuestion,
  },
];

/** Step 4: where requests that are not private may go. Private ones never reach the cloud. */
export function PrivacyStep() {
  const { choice, inForce, setChoice, problem } = usePrivacyChoice();
  return (
    <div className="card">
      <h2 className="card__title">Cloud escalation</h2>
      <p className="muted onb-lead">
        Private and personal requests never leave your network, whatever you choose here.
        {inForce
          ? ` In force now: ${CHOICES.find((c) => c.id === inForce)?.title.toLowerCase()}.`
          : ''}
      </p>
      <div className="onb-choices" role="radiogroup" aria-label="Cloud escalation">
        {CHOICES.map(({ id, title, body, icon: Icon }) => (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={choice === id}
            className={choice === id ? 'onb-choice is-active' : 'onb-choice'}
            onClick={() => setChoice(id)}
          >
            <Icon size={18} aria-hidden="true" />
            <span className="onb-choice__title">{title}</span>
            <span className="onb-choice__body">{body}</span>
          </button>
        ))}
      </div>
      {problem ? (
        <p className="onb-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
