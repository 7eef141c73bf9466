import type { RoutingRecordView } from '../../../../src-main/contract';

// The prompt and the request and response bodies as stored, monospace, with
// a note when the store cut them short.

function Body({
  title,
  text,
  truncated,
}: {
  title: string;
  text: string | null;
  truncated: boolean;
}) {
  return (
    <section className="replay-body" aria-label={title}>
      <h3 className="replay-body__title">
        {title}
        {truncated ? <span className="replay-body__cut">truncated</span> : null}
      </h3>
      {text === null || text === '' ? (
        <p className="muted">Not kept (the decision's replay settings leave it out).</p>
      ) : (
        <pre className="replay-body__text">{text}</pre>
      )}
    </section>
  );
}

export function RecordBodies({ record }: { record: RoutingRecordView }) {
  return (
    <>
      <Body title="Prompt" text={record.prompt} truncated={record.prompt_truncated} />
      <Body
        title="Request body"
        text={record.request_body}
        truncated={record.request_body_truncated}
      />
      <Body
        title="Response body"
        text={record.response_body}
        truncated={record.response_body_truncated}
      />
    </>
  );
}
