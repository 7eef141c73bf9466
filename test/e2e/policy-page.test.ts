import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pasteInto, screenshotWholePage } from '../support/app-page';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { dataOf, rpcOverHttp } from '../support/rpc-http';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { makeTempDir } from '../support/temp-dir';

// The Policy editor in a real Chromium against `homelane serve` with an empty
// data folder (the built-in profile in force): upstream's balance recipe is
// imported and applied through the page, a ROUTE is broken and shown on its
// line, fixed, compared, applied, and the history grows and rolls back.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const BROKEN = 'PRIORITY high';

describe.skipIf(!HAS_SHARED)(
  `policy editor page (${HAS_SHARED ? 'balance recipe from ../shared' : SHARED_MISSING_REASON})`,
  () => {
    const temp = makeTempDir('homelane-policy-page-');
    const problems: string[] = [];
    let serve: ServeProcess;
    let browser: Browser;
    let page: Page;
    /** The DSL of the balance recipe as the core prints it, once applied. */
    let balanceDsl = '';
    let versionsAfterImport = 0;

    const status = () => page.getByTestId('policy-status');
    const diagnostics = () => page.getByTestId('policy-diagnostics');
    const checked = async () =>
      (await diagnostics().getAttribute('data-state')) === 'checked'
        ? Number(await diagnostics().getAttribute('data-errors'))
        : null;

    const shoot = (name: string) => screenshotWholePage(page, join(SCREENSHOTS, name));
    const typeDsl = (text: string) => pasteInto(page, 'policy-dsl-editor', text);

    async function applyWithNote(note: string): Promise<void> {
      await expect.poll(() => page.getByTestId('policy-apply').isEnabled()).toBe(true);
      await page.getByTestId('policy-apply').click();
      await page.getByTestId('policy-apply-note').fill(note);
      await page.getByTestId('policy-apply-now').click();
      await page.getByTestId('policy-apply-result').waitFor();
      await expect.poll(() => status().getAttribute('data-dirty')).toBe('false');
    }

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      serve = await startServe(['--port', '0', '--data-dir', join(temp.dir, 'data')], 60_000);
      browser = await launchChromium();
      page = await browser.newPage({
        viewport: { width: 1440, height: 900 },
        colorScheme: 'light',
      });
      watchPageProblems(page, problems);
      await page.goto(`${serve.url}#/policy`);
      await page.waitForSelector('[data-testid="policy-status"][data-state="ready"]');
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await serve?.stop();
      temp.cleanup();
    });

    it('opens on the policy in force, clean and with nothing to apply', async () => {
      expect(await status().innerText()).toContain('privacy');
      expect(await status().getAttribute('data-dirty')).toBe('false');
      expect(await status().getAttribute('data-source')).toBe('dsl');
      await expect.poll(checked, { timeout: 15_000 }).toBe(0);
      expect(await page.getByTestId('policy-apply').isDisabled()).toBe(true);
      // The YAML pane shows what the DSL compiles to, and follows it read-only.
      expect(await page.getByTestId('policy-yaml-view').getAttribute('data-readonly')).toBe('true');
      expect(await page.getByTestId('policy-yaml-view').innerText()).toContain('version');
      await shoot('policy-01-loaded.png');
    });

    it("imports upstream's balance config into the YAML side and applies it", async () => {
      await page.getByTestId('policy-import').click();
      await page.getByTestId('policy-import-file').setInputFiles(sharedPath('balance/config.yaml'));
      await page.getByTestId('policy-import-candidate').waitFor();
      expect(await page.getByTestId('policy-import-candidate').innerText()).toContain('YAML side');
      await page.getByTestId('policy-import-load').click();
      expect(await status().getAttribute('data-source')).toBe('yaml');
      expect(await status().getAttribute('data-dirty')).toBe('true');
      expect(await page.getByTestId('policy-yaml-view').getAttribute('data-readonly')).toBe(
        'false',
      );
      await expect.poll(checked, { timeout: 20_000 }).toBe(0);
      // The DSL follows the imported YAML, decompiled.
      await expect
        .poll(() => page.getByTestId('policy-dsl-editor').innerText(), { timeout: 15_000 })
        .toContain('SIGNAL');
      await shoot('policy-02-imported-yaml.png');
      await applyWithNote('balance from upstream');

      const active = dataOf((await rpcOverHttp(serve.url, 'policy.active', {})).result);
      expect(active.yaml).toContain('premium_legal');
      expect(active.dsl).toContain('ROUTE premium_legal');
      balanceDsl = active.dsl ?? '';
      // Reloaded from the core, the balance policy is edited as DSL again.
      expect(await status().getAttribute('data-source')).toBe('dsl');
      const history = dataOf((await rpcOverHttp(serve.url, 'policy.history', {})).result);
      versionsAfterImport = history.versions.length;
      expect(history.versions[0]?.note).toBe('balance from upstream');
    });

    it('marks a broken ROUTE on its line and refuses to apply it', async () => {
      const lines = balanceDsl.split('\n');
      const at = lines.findIndex((line) => line.trim() === 'PRIORITY 260');
      expect(at).toBeGreaterThan(0);
      lines[at] = lines[at]!.replace('PRIORITY 260', BROKEN);
      await typeDsl(lines.join('\n'));

      await expect.poll(checked, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await status().getAttribute('data-dirty')).toBe('true');
      expect(await page.getByTestId('policy-apply').isDisabled()).toBe(true);
      const problem = page.locator(
        `[data-testid="policy-problems"] li.is-error[data-line="${at + 1}"]`,
      );
      expect(await problem.innerText()).toContain('PRIORITY');
      // Picking the problem shows its line in the editor, underlined there.
      await problem.locator('button').click();
      const line = page.getByTestId('policy-dsl-editor').locator('.cm-line', { hasText: BROKEN });
      await line.locator('.cm-lintRange-error').waitFor();
      await shoot('policy-03-broken-route.png');
    });

    it('fixes it, compares it with the policy in force and applies it', async () => {
      await typeDsl(balanceDsl.replace('PRIORITY 260', 'PRIORITY 261'));
      await expect.poll(checked, { timeout: 15_000 }).toBe(0);

      await page.getByTestId('policy-diff').click();
      const decisions = page.getByTestId('policy-diff-decisions');
      await decisions.waitFor({ timeout: 15_000 });
      const changed = decisions.locator('li[data-change="changed"]', { hasText: 'premium_legal' });
      expect(await changed.innerText()).toContain('priority');
      const view = page.getByTestId('policy-diff-view');
      expect(await view.locator('.policy-diff__line--added').count()).toBeGreaterThan(0);
      expect(await view.innerText()).toContain('261');
      await shoot('policy-04-diff.png');

      await applyWithNote('premium legal first');
      const active = dataOf((await rpcOverHttp(serve.url, 'policy.active', {})).result);
      expect(active.dsl).toContain('PRIORITY 261');
    });

    it('lists each applied version in History, opens one, and rolls back to it', async () => {
      await page.getByTestId('policy-history').click();
      const rows = page.locator('[data-testid="policy-history-list"] tbody tr');
      await expect.poll(() => rows.count()).toBe(versionsAfterImport + 1);
      expect(await rows.first().innerText()).toContain('premium legal first');
      expect(await rows.first().innerText()).toContain('in force');

      const earlier = rows.nth(1);
      await earlier.getByRole('button', { name: /^View / }).click();
      await page.getByTestId('policy-version-view').locator('pre').waitFor();
      expect(await page.getByTestId('policy-version-view').innerText()).toContain('premium_legal');
      await shoot('policy-05-history.png');

      await earlier.getByRole('button', { name: /^Roll back to / }).click();
      await earlier.getByRole('button', { name: 'Roll back', exact: true }).click();
      await page.getByTestId('policy-rollback-result').waitFor();
      await expect.poll(() => rows.count()).toBe(versionsAfterImport + 2);
      const active = dataOf((await rpcOverHttp(serve.url, 'policy.active', {})).result);
      expect(active.dsl).toContain('PRIORITY 260');
      expect(active.dsl).not.toContain('PRIORITY 261');
    });

    it('edits the YAML directly: the DSL follows, and a YAML error is marked', async () => {
      const active = dataOf((await rpcOverHttp(serve.url, 'policy.active', {})).result);
      expect(active.yaml).toContain('priority: 260');
      const toYaml = page.getByRole('button', { name: 'Edit YAML instead' });
      await expect.poll(() => toYaml.isEnabled(), { timeout: 15_000 }).toBe(true);
      await toYaml.click();
      expect(await status().getAttribute('data-source')).toBe('yaml');
      expect(await page.getByTestId('policy-dsl-editor').getAttribute('data-readonly')).toBe(
        'true',
      );

      await pasteInto(
        page,
        'policy-yaml-view',
        active.yaml.replace('priority: 260', 'priority: 262'),
      );
      await expect.poll(checked, { timeout: 15_000 }).toBe(0);
      // The DSL follows the YAML; made the edited side again, it carries the change.
      const toDsl = page.getByRole('button', { name: 'Edit DSL instead' });
      await expect.poll(() => toDsl.isEnabled(), { timeout: 15_000 }).toBe(true);
      await toDsl.click();
      expect(await status().getAttribute('data-source')).toBe('dsl');
      expect(await status().getAttribute('data-dirty')).toBe('true');
      await page.getByTestId('policy-diff').click();
      await page.getByTestId('policy-diff-run').click();
      const changed = page
        .getByTestId('policy-diff-decisions')
        .locator('li[data-change="changed"]', { hasText: 'premium_legal' });
      await changed.waitFor({ timeout: 15_000 });
      expect(await changed.innerText()).toContain('priority');

      await expect.poll(() => toYaml.isEnabled(), { timeout: 15_000 }).toBe(true);
      await toYaml.click();
      await page.getByTestId('policy-yaml-view').locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+Home');
      await page.keyboard.insertText('routing: [\n');
      await expect.poll(checked, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.getByTestId('policy-problems').innerText()).toMatch(/YAML \d+:\d+/);
      await page.getByTestId('policy-yaml-view').locator('.cm-lintRange-error').first().waitFor();
      expect(await page.getByTestId('policy-apply').isDisabled()).toBe(true);
      await shoot('policy-06-yaml-error.png');

      await page.getByTestId('policy-revert').click();
      expect(await status().getAttribute('data-source')).toBe('dsl');
      expect(await status().getAttribute('data-dirty')).toBe('false');
    });

    it('exports a clean config and its DSL for upstream', async () => {
      await page.getByTestId('policy-export').click();
      const removed = page.getByTestId('policy-export-removed');
      await removed.waitFor();
      await shoot('policy-07-export.png');
      const [yaml] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('policy-export-yaml').click(),
      ]);
      expect(yaml.suggestedFilename()).toBe('config.yaml');
      const yamlPath = join(temp.dir, 'config.yaml');
      await yaml.saveAs(yamlPath);
      expect(readFileSync(yamlPath, 'utf8')).toContain('premium_legal');
      const [dsl] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('policy-export-dsl').click(),
      ]);
      expect(dsl.suggestedFilename()).toBe('recipe.dsl');
      const dslPath = join(temp.dir, 'recipe.dsl');
      await dsl.saveAs(dslPath);
      expect(readFileSync(dslPath, 'utf8')).toContain('ROUTE premium_legal');
    });

    it('keeps a marked place for the what-if panel, given the edited text', async () => {
      await page.getByTestId('policy-whatif').click();
      const slot = page.getByTestId('policy-whatif-slot');
      expect(await slot.getAttribute('data-format')).toBe('dsl');
      expect(Number(await slot.getAttribute('data-length'))).toBeGreaterThan(1000);
    });

    it('reads well in the dark theme', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      await page.getByTestId('policy-diff').click();
      await page.getByTestId('policy-diff-panel').getByText('Compare again').waitFor();
      await expect
        .poll(() => page.getByTestId('policy-diff-panel').innerText())
        .not.toContain('Comparing…');
      await shoot('policy-08-dark.png');
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    });

    it('says so when the core cannot give the policy', async () => {
      const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await other.route('**/api/rpc/policy.active', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            ok: false,
            error: { code: 'unavailable', message: 'The core is restarting.' },
          }),
        }),
      );
      await other.goto(`${serve.url}#/policy`);
      const state = other.locator('[data-testid="policy-status"][data-state="error"]');
      await state.waitFor();
      expect(await state.innerText()).toContain('The core is restarting.');
      expect(await state.getByRole('button', { name: 'Try again' }).count()).toBe(1);
      await other.screenshot({ path: join(SCREENSHOTS, 'policy-09-unavailable.png') });
      await other.close();
    });

    it('reported no console errors or failed requests', () => {
      expect(problems).toEqual([]);
    });
  },
);
