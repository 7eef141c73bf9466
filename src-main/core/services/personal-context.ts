import type Database from 'better-sqlite3';
import { MemoryStore } from '../privacy/memory-store';
import { memoryRecall, parseRememberRequest } from '../privacy/memory-recall';
import type { CloudEscalation } from '../privacy/egress-guard';
import type { PrivacySettings } from '../privacy/route-privately';
import { TaintStore } from '../privacy/taint-store';
import type { PrivacyReason, RoutingTrace } from '../router/trace';

// What a chat request brings from this machine's own records: the
// conversation's taint and switches, and personal memory when the request
// uses it. Memory only ever joins a request that is then private — so only
// local or LAN lanes see it — and never one the person let out to the cloud.

export interface PersonalContext {
  privacy: PrivacySettings;
  /** A system message holding the remembered facts, when the request uses them. */
  memoryMessage?: { role: 'system'; content: string };
  /** Keeps the conversation's taint after routing. */
  record(trace: RoutingTrace): void;
}

export function personalContext(
  db: Database.Database,
  text: string,
  options: { conversationId?: string; cloudEscalation: CloudEscalation },
): PersonalContext {
  const taint = new TaintStore(db);
  const conversation = options.conversationId ? taint.get(options.conversationId) : undefined;
  const facts = new MemoryStore(db).list().map((fact) => fact.fact);
  const recalled = memoryRecall(text, facts);
  const override = conversation?.privateOverride === true;
  const privacy: PrivacySettings = {
    cloudEscalation: conversation?.keepLocal ? 'never' : options.cloudEscalation,
    ...(override ? { privateOverride: true } : {}),
    ...(conversation ? { taint: conversation.private ? conversation.reasons : [] } : {}),
    ...(recalled && !override ? { memoryUsed: true } : {}),
  };
  return {
    privacy,
    ...(recalled && !override
      ? {
          memoryMessage: {
            role: 'system' as const,
            content: `Facts the user asked you to remember:\n${facts.map((fact) => `- ${fact}`).join('\n')}`,
          },
        }
      : {}),
    record(trace) {
      if (!options.conversationId || !trace.private) return;
      const own: PrivacyReason[] = trace.privacy_reasons.filter(
        (reason) =>
          reason.kind !== 'taint' && reason.kind !== 'guard_reroute' && reason.kind !== 'override',
      );
      taint.taint(options.conversationId, own);
    },
  };
}

/** A message asking Homelane to remember something, handled on this machine without a model. */
export function rememberIfAsked(
  db: Database.Database,
  text: string,
  conversationId?: string,
): { id: number; fact: string } | undefined {
  const fact = parseRememberRequest(text);
  if (fact === undefined) return undefined;
  const stored = new MemoryStore(db).add(fact, conversationId ?? null);
  return { id: stored.id, fact: stored.fact };
}
