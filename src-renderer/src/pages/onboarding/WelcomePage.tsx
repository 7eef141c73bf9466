import { PageHeader } from '../../components/PageHeader';

const STEPS = [
  {
    title: 'Choose a routing profile',
    body: "Homelane's privacy recipe, a YAML or DSL file, or a URL such as the upstream balance recipe.",
  },
  {
    title: 'Set up model lanes',
    body: 'Run the managed ROCm vLLM container, point at an OpenAI-compatible server on your network, or add cloud keys.',
  },
  {
    title: 'Download routing models',
    body: 'The on-device classifiers and embeddings. Without them Homelane routes on deterministic signals only.',
  },
  {
    title: 'Decide on cloud escalation',
    body: 'Never, only for non-sensitive requests the policy sends there, or ask each time.',
  },
];

export function WelcomePage() {
  return (
    <>
      <PageHeader
        title="Get started"
        subtitle="Four steps from a fresh install to routed, private-by-default chat."
      />
      <ol className="steps">
        {STEPS.map((step, index) => (
          <li key={step.title} className="card steps__item">
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <h2 className="card__title">{step.title}</h2>
              <p className="muted">{step.body}</p>
            </div>
          </li>
        ))}
      </ol>
      <p className="note">
        Guided setup is not in this version yet; each step arrives with the part of Homelane it
        configures.
      </p>
    </>
  );
}
