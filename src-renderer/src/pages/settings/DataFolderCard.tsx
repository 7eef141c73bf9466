import { Check, Copy } from 'lucide-react';
import { useState } from 'react';

/** Where Homelane keeps its database, settings, keys and models, with a copy button. */
export function DataFolderCard({ dataDir }: { dataDir: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(dataDir);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure page, or permission denied): the path can still be selected.
      setCopied('no');
    }
  };
  return (
    <section className="card" aria-labelledby="data-folder-title">
      <h2 className="card__title" id="data-folder-title">
        Data folder
      </h2>
      <p className="muted">The database, settings, keys and models live here, on this machine.</p>
      <div className="data-folder">
        <code className="data-folder__path" data-testid="data-folder">
          {dataDir}
        </code>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          onClick={() => void copy()}
          aria-label="Copy the data folder's path"
        >
          {copied === 'yes' ? (
            <Check size={13} aria-hidden="true" />
          ) : (
            <Copy size={13} aria-hidden="true" />
          )}
          <span>{copied === 'yes' ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      {copied === 'no' ? (
        <p className="field__hint" role="status">
          The clipboard is not available here: select the path and copy it.
        </p>
      ) : null}
    </section>
  );
}
