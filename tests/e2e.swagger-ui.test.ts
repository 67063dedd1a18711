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
  it('runs POST /v1/batch and POST /v1/sweep from their examples, the sweep as JSON and as CSV', async () => {
    const page = await browser.newPage();
    await page.addInitScript(RECORD_CSP_VIOLATIONS);
    const seen = watch(page);
    await page.goto(`${base}/docs`);

    const open = async (path: string) => {
      const operation = page.locator('.opblock-post').filter({ has: page.locator(`[data-path="${path}"]`) });
      await operation.locator('.opblock-summary-control').click();
      await operation.getByRole('button', { name: 'Try it out' }).click();
      return operation;
    };
    const execute = async (operation: ReturnType<typeof page.locator>) => {
      await operation.getByRole('button', { name: 'Execute' }).click();
      const shown = operation.locator('.live-responses-table .response');
      await shown.locator('.response-col_status').waitFor();
      return {
        status: (await shown.locator('.response-col_status').textContent())?.trim(),
        body: (await shown.locator('.response-col_description pre').first().textContent()) ?? '',
      };
    };

    const batch = await execute(await open('/v1/batch'));
    expect(batch.status).toBe('200');
    expect(JSON.parse(batch.body).results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);

    const sweep = await open('/v1/sweep');
    const json = await execute(sweep);
    expect(json.status).toBe('200');
    expect(JSON.parse(json.body)).toMatchObject({ estimator: 'economics', points: 12, failed: 0 });
    await sweep.locator('.responses-wrapper select').first().selectOption('text/csv');
    await sweep.getByRole('button', { name: 'Clear' }).click();
    const csv = await execute(sweep);
    expect(csv.status).toBe('200');
    expect(csv.body.startsWith('point,launch_usd_per_kg,cost_ratio,orbital_usd_per_kwh,error')).toBe(true);
    expect(await seen.cspViolations()).toEqual([]);
    expect(seen.errors).toEqual([]);
  }, 60_000);
});
