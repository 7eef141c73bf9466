import type { Page } from 'playwright-core';

// What the end-to-end tests do to a page of the app in Chromium beyond
// clicking: a screenshot of the whole page, and a paste into a code editor.

/**
 * A screenshot of the whole page at `path`. The app scrolls inside <main>, so
 * the viewport grows to fit it first, and goes back to its size after.
 */
export async function screenshotWholePage(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

/**
 * Replaces the whole text of the code editor with data-testid `testId` the
 * way a person pastes it. (Typing a few thousand lines through the keyboard
 * takes Chromium most of a minute.)
 */
export async function pasteInto(page: Page, testId: string, text: string): Promise<void> {
  const content = page.getByTestId(testId).locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await content.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}
