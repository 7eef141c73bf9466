import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src-main/core/config/load';
import { loadProbesText } from '../../src-main/core/probes/load-probes';
import { runProbes } from '../../src-main/core/probes/run-probes';
import { Router } from '../../src-main/core/router/router';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../support/shared-recipes';

// Upstream's own probe files, run unchanged in lite mode (no routing
// models). The variants that need no model are exactly the ones listed in
// the reference's appendix; every other one must say which model signals
// it is waiting on.

async function report(recipe: string) {
  const { config } = loadConfigText(readShared(`${recipe}/config.yaml`), `${recipe}/config.yaml`);
  const { probes, diagnostics } = loadProbesText(
    readShared(`${recipe}/probes.yaml`),
    `${recipe}/probes.yaml`,
  );
  expect(diagnostics).toEqual([]);
  const router = await Router.create(config!);
  return { router, report: await runProbes(router, probes!) };
}

const BALANCE_MODEL_FREE = [
  'feedback_wrong_answer_verified:roman_republic_correction',
  'feedback_wrong_answer_verified:earlier_answer_wrong',
  'feedback_wrong_answer_verified:meiji_correction',
  'feedback_wrong_answer_verified:roman_republic_followup_messages',
  'feedback_wrong_answer_verified:health_error_correction_priority',
  'medium_code_general:python_stack_trace',
  'medium_code_general:failing_unit_test',
  'medium_code_general:integration_test_refactor',
  'medium_code_general:urgent_bug_zh',
  'verified_explainer:roman_republic_with_citations',
  'medium_explainer:roman_republic_plain',
  'medium_creative:tea_house_taglines',
  'medium_creative:pottery_branding',
  'feedback_need_clarification:explain_more_clearly',
  'feedback_need_clarification:restate_simply',
  'feedback_need_clarification:concrete_example',
  'feedback_need_clarification:inflation_followup_messages',
  'fast_qa:who_are_you',
  'fast_qa:arithmetic',
  'fast_qa:water_formula',
  'fast_qa:months_in_year',
  'simple_general:casual_greeting',
  'simple_general:casual_greeting_messages',
  'simple_general:induction_cooktops',
  'simple_general:refrigerator_cooling',
  'simple_general:composting_plain',
  'simple_general:celebratory_reply_zh',
  'casual_chat:long_unclassified_fallback',
];

describe.skipIf(!HAS_SHARED)(
  `upstream probes in lite mode (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
  () => {
    it('balance: 28 of 57 pass — every variant that needs no model', async () => {
      const { report: result } = await report('balance');
      expect(result.results).toHaveLength(57);
      expect(
        result.results
          .filter((r) => r.passed)
          .map((r) => r.id)
          .sort(),
      ).toEqual([...BALANCE_MODEL_FREE].sort());
      for (const failed of result.results.filter((r) => !r.passed)) {
        expect(
          failed.waiting_on_models.length,
          `${failed.id} names no missing model`,
        ).toBeGreaterThan(0);
      }
      // The appendix's predictions for where the model-dependent variants land without models.
      const landed = Object.fromEntries(result.results.map((r) => [r.id, r.decision]));
      expect(landed['premium_legal:contract_clause_analysis']).toBe('simple_general');
      expect(landed['complex_specialist:migration_runbook']).toBe('casual_chat');
      expect(landed['fast_qa:australia_capital']).toBe('casual_chat');
    });

    it('privacy: 15 of 20 pass', async () => {
      const { report: result } = await report('privacy');
      expect(result.passed).toBe(15);
      expect(
        result.results
          .filter((r) => !r.passed)
          .map((r) => r.id)
          .sort(),
      ).toEqual([
        'cloud_frontier_reasoning:cn_strategy_tradeoffs',
        'cloud_frontier_reasoning:deep_root_cause_memo',
        'local_privacy_policy:filtered_tool_scope',
        'local_privacy_policy:internal_runbook_summary',
        'local_privacy_policy:pii_sheet_review',
      ]);
    });

    it('routes the seed demo prompt as upstream does and names the unavailable model signals', async () => {
      const { config } = loadConfigText(readShared('balance/config.yaml'));
      const router = await Router.create(config!);
      const trace = await router.route({
        text: 'Debug this Python stack trace and suggest the most likely fix.',
      });
      expect(trace).toMatchObject({
        decision: 'medium_code_general',
        model: 'qwen/qwen3.5-rocm',
        recipe: 'default',
      });
      expect(trace.reasoning).toMatchObject({
        enabled: true,
        effort: 'medium',
        family: 'qwen3',
        family_type: 'chat_template_kwargs',
      });
      expect(trace.unavailable_signals.map((u) => u.type).sort()).toEqual(
        ['complexity', 'domain', 'embedding', 'fact_check', 'reask', 'user_feedback'].sort(),
      );
      expect(trace.signals['embedding']?.reason).toMatch(/embedding/);
      expect(trace.plugins.map((p) => p.type)).toEqual(['router_replay']);
    });
  },
);
