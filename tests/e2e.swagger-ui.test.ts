/**
 * Swagger UI in a real browser: open /docs in Chromium, run POST /v1/orbit with "Try it out" and
 * "Execute", and read the answer the page shows. This is what no inject() test can see: that the
 * page loads, renders the document and runs a request under the Content-Security-Policy the
 * service sends, without one violation.
 *
 * Needs a Chromium: CHROMIUM_PATH, else /usr/bin/chromium or /usr/bin/chromium-browser. Without one
 * the test is skipped with a line that says so.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const chromiumPath = process.env.CHROMIUM_PATH || SYSTEM_CHROMIUMS.find((p) => existsSync(p));

if (!chromiumPath)
  console.log(
    `Swagger UI browser test skipped: no Chromium at ${SYSTEM_CHROMIUMS.join(' or ')} and CHROMIUM_PATH unset; install it with \`apt-get install chromium\` (or set CHROMIUM_PATH) to run it.`,
  );

/** Collects, in the page, every CSP violation it reports (the listener is in place before any page script runs). */
const RECORD_CSP_VIOLATIONS = `
  globalThis.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    globalThis.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

/** Errors the page raised or logged, and its CSP violations. */
function watch(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  return {
    errors,
    cspViolations: async () => (await page.evaluate('globalThis.__cspViolations')) as string[],
  };
}

describe.skipIf(!chromiumPath)('Swagger UI in Chromium', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await buildApp();
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('runs POST /v1/orbit from "Try it out" and shows 200 with the orbit figures, with no CSP violation', async () => {
    const page = await browser.newPage();
    await page.addInitScript(RECORD_CSP_VIOLATIONS);
    const seen = watch(page);

    await page.goto(`${base}/docs`);
    const operation = page.locator('.opblock-post').filter({ has: page.locator('[data-path="/v1/orbit"]') });
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    const shown = operation.locator('.live-responses-table .response');
    const status = (await shown.locator('.response-col_status').textContent())?.trim();
    const body = JSON.parse((await shown.locator('.response-col_description pre').first().textContent()) ?? '');

    expect(status).toBe('200');
    expect(body.period_min).toEqual(expect.any(Number));
    expect(await seen.cspViolations()).toEqual([]);
    expect(seen.errors).toEqual([]);
  }, 60_000);
});
