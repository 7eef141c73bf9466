import type Database from 'better-sqlite3';
import { ensureConversation } from '../conversations/ensure-conversation';
import type { PrivacyReason } from '../router/trace';
import { prepared } from '../store/prepared';

// A conversation's privacy, kept with it: once any message was private, the
// conversation is private for good (its history goes along with every later
// request), across restarts. The person's "keep local" switch and their
// explicit override of the privacy rule are kept too, with when it was given.

export interface ConversationPrivacy {
  private: boolean;
  reasons: PrivacyReason[];
  keepLocal: boolean;
  privateOverride: boolean;
  privateOverrideAt: string | null;
}

const NONE: ConversationPrivacy = {
  private: false,
  reasons: [],
  keepLocal: false,
  privateOverride: false,
  privateOverrideAt: null,
};

interface Row {
  private: number;
  privacy_reasons: string;
  keep_local: number;
  private_override: number;
  private_override_at: string | null;
}

export class TaintStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(conversationId: string): ConversationPrivacy {
    // Read on every chat request: the statement is prepared once per connection.
    const row = prepared<[string], Row>(
      this.db,
      'SELECT private, privacy_reasons, keep_local, private_override, private_override_at FROM conversations WHERE id = ?',
    ).get(conversationId);
    if (!row) return { ...NONE };
    return {
      private: row.private === 1,
      reasons: parseReasons(row.privacy_reasons),
      keepLocal: row.keep_local === 1,
      privateOverride: row.private_override === 1,
      privateOverrideAt: row.private_override_at,
    };
  }

  /** Records that the conversation held private content; never undone. */
  taint(conversationId: string, reasons: readonly PrivacyReason[]): void {
    if (reasons.length === 0) return;
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.ensure(conversationId, at);
      const existing = this.get(conversationId).reasons;
      const known = new Set(existing.map((reason) => `${reason.kind}\u0000${reason.detail}`));
      const merged = [
        ...existing,
        ...reasons.filter((reason) => !known.has(`${reason.kind}\u0000${reason.detail}`)),
      ];
      this.db
        .prepare(
          'UPDATE conversations SET private = 1, privacy_reasons = ?, updated_at = ? WHERE id = ?',
        )
        .run(JSON.stringify(merged), at, conversationId);
    })();
  }

  setKeepLocal(conversationId: string, keepLocal: boolean): void {
    const at = this.now().toISOString();
    this.ensure(conversationId, at);
    this.db
      .prepare('UPDATE conversations SET keep_local = ?, updated_at = ? WHERE id = ?')
      .run(keepLocal ? 1 : 0, at, conversationId);
  }

  /** The person's explicit choice to let this private conversation use cloud lanes; the time is kept. */
  setPrivateOverride(conversationId: string, override: boolean): void {
    const at = this.now().toISOString();
    this.ensure(conversationId, at);
    this.db
      .prepare(
        'UPDATE conversations SET private_override = ?, private_override_at = ?, updated_at = ? WHERE id = ?',
      )
      .run(override ? 1 : 0, override ? at : null, at, conversationId);
  }

  private ensure(conversationId: string, at: string): void {
    ensureConversation(this.db, conversationId, at);
  }
}

function parseReasons(text: string): PrivacyReason[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as PrivacyReason[]) : [];
  } catch {
    // A reason list that cannot be read still leaves the conversation private.
    return [{ kind: 'taint', detail: 'earlier privacy reasons could not be read' }];
  }
}
