// Renders the app icon (src-renderer/public/favicon.svg) to the PNGs that
// electron-builder packs: build/icon.png (1024 px; electron-builder derives the
// macOS .icns and the Windows .ico from it when it packages) and the Linux
// icon set build/icons/NxN.png. Uses headless Chromium through playwright-core,
// so no image converter is needed. Run it after changing the SVG:
//   node scripts/make-icons.mjs
// HOMELANE_CHROMIUM names another Chromium than /usr/bin/chromium.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const svg = readFileSync(`${root}src-renderer/public/favicon.svg`, 'utf8');
const executablePath = process.env.HOMELANE_CHROMIUM ?? '/usr/bin/chromium';
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

if (!existsSync(executablePath)) {
  process.stderr.write(
    `Chromium is not at ${executablePath}: install it (apt-get install -y chromium) or set HOMELANE_CHROMIUM.\n`,
  );
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const render = async (size, file) => {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
    process.stdout.write(`${file.slice(root.length)} (${size}x${size})\n`);
  };
  mkdirSync(`${root}build/icons`, { recursive: true });
  await render(1024, `${root}build/icon.png`);
  for (const size of LINUX_SIZES) await render(size, `${root}build/icons/${size}x${size}.png`);
} finally {
  await browser.close();
}
