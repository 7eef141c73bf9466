import { FileCode2, RefreshCw, ServerCrash } from 'lucide-react';
import type { ApiErrorData } from '../../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';

// What the page shows before there is a policy to edit.

export function PolicyLoading() {
  return (
    <div
      className="policy-loading"
      aria-busy="true"
      data-testid="policy-status"
      data-state="loading"
    >
      <p className="muted">Reading the policy in force…</p>
      <div className="policy-editors" aria-hidden="true">
        <div className="policy-skeleton" />
        <div className="policy-skeleton" />
      </div>
    </div>
  );
}

export function PolicyNoProfile() {
  return (
    <div data-testid="policy-status" data-state="no-profile">
      <EmptyState icon={FileCode2} title="No routing profile is loaded">
        <p>
          There is no policy in force to edit yet. Choose a profile first: Homelane&apos;s privacy
          recipe, a file or a URL.
        </p>
        <p>
          <a className="lanes-button lanes-button--primary" href="#/welcome">
            Choose a profile
          </a>
        </p>
      </EmptyState>
    </div>
  );
}

interface PolicyLoadErrorProps {
  error: ApiErrorData;
  onRetry(): void;
}

export function PolicyLoadError({ error, onRetry }: PolicyLoadErrorProps) {
  const unavailable = error.code === 'unavailable' || error.code === 'transport';
  return (
    <div data-testid="policy-status" data-state="error" data-code={error.code}>
      <EmptyState
        icon={ServerCrash}
        title={
          unavailable ? 'The core cannot give the policy now' : 'The policy could not be loaded'
        }
      >
        <p>{error.message}</p>
        <p className="muted">
          Nothing has changed: the router keeps using the policy in force. Try again once the core
          answers.
        </p>
        <p>
          <button type="button" className="lanes-button" onClick={onRetry}>
            <RefreshCw size={14} aria-hidden="true" /> Try again
          </button>
        </p>
      </EmptyState>
    </div>
  );
}
