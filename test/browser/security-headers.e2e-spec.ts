import { createServer, Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ALL_QUEUES } from '@app/queues';
import { auth, startApi, TEST_API_KEY } from '../support/api-fixture';
import { chromePath } from '../support/chrome-path';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

/* The security headers (apps/api/src/http/security-headers.ts) as a browser
 * meets them: Swagger UI at /docs and the queue dashboard at /queues work
 * under their Content-Security-Policy without a single violation, no page of
 * another origin can frame them, and an API key given to Swagger UI is not
 * kept in localStorage. A Chromium or Chrome (CHROME_PATH or the usual
 * places, test/support/chrome-path.ts), driven by playwright-core, which
 * never downloads a browser. */

/** The queue page as the browser rendered it under the policy, kept for a look. */
const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'queue-dashboard.png');
const STEP_MS = 10_000;
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

describe('Security headers in a real browser', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let browser: Browser;
  let origin: string;
  let orderIds: string[];
  /** Another origin: a page framing /docs and /queues, and a control frame of its own. */
  let attacker: Server;
  let attackerOrigin: string;

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    orderIds = [(await insert(store.repository, newOrder({ channel: 'joom', externalId: 'csp-joom-1' }))).id];
    app = await startApi();
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    attacker = createServer((request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      if (request.url === '/control') return void response.end('<p id="control">framed fine</p>');
      response.end(`<iframe id="docs" src="${origin}/docs"></iframe>` + `<iframe id="queues" src="${origin}/queues"></iframe>` + `<iframe id="control" src="/control"></iframe>`);
    });
    // localhost and 127.0.0.1 are different origins.
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: chromePath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      timeout: STEP_MS,
    });
  });
  afterAll(async () => {
    await browser?.close();
    // A keep-alive connection the browser left open would hold close() until it times out.
    attacker?.closeAllConnections();
    await new Promise((resolve) => attacker?.close(resolve));
    await app?.close();
    await store?.close();
  }, 60_000); // Closing Chromium, the framing page's server and the api once took over the default 30 s on a loaded machine.

  describe('the headers', () => {
    it('sends the REST API JSON policy on API answers, errors and 404s', async () => {
      for (const [path, headers, status] of [
        ['/v1/orders', auth, 200],
        ['/v1/orders', {}, 401],
        ['/no/such/route', {}, 404],
        ['/health/live', {}, 200],
        ['/docs-json', {}, 200],
        ['/v1/orders/%E0%A4%A', {}, 400],
      ] as const) {
        const response = await fetch(origin + path, { headers });
        expect({ path, status: response.status }).toEqual({ path, status });
        expect({ path, ...baseHeaders(response) }).toEqual({ path, nosniff: 'nosniff', frame: 'DENY', referrer: 'no-referrer', csp: API_POLICY });
      }
    });

    it.each([
      ['/docs', {}, 'text/html'],
      ['/docs/', {}, 'text/html'],
      ['/docs/swagger-ui-bundle.js', {}, 'javascript'],
      ['/docs/swagger-ui-init.js', {}, 'javascript'],
      ['/docs/swagger-ui.css', {}, 'text/css'],
      ['/queues', auth, 'text/html'],
      ['/queues', {}, 'application/json'],
      ['/queues/static/images/logo.svg', auth, 'image/svg+xml'],
    ])('sends a page policy on %s (%j)', async (path, headers, type) => {
      const response = await fetch(origin + path, { headers });
      expect(response.headers.get('content-type')).toContain(type);
      const { csp, ...rest } = baseHeaders(response);
      expect(rest).toEqual({ nosniff: 'nosniff', frame: 'DENY', referrer: 'no-referrer' });
      const directives = parsePolicy(csp);
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      // Inline styles by hash only.
      expect(directives['style-src']).not.toContain("'unsafe-inline'");
      expect(directives['style-src'].filter((source) => source.startsWith("'sha256-")).length).toBeGreaterThan(0);
    });

    it("drops bull-board's Google Fonts link, which the policy does not admit", async () => {
      const html = await (await fetch(`${origin}/queues`, { headers: auth })).text();
      expect(html).toContain('static/css/main.');
      expect(html).not.toContain('fonts.googleapis.com');
    });
  });

  describe('Swagger UI under its policy', () => {
    let context: BrowserContext;
    let page: Page;
    let violations: string[];

    beforeAll(async () => {
      ({ context, page, violations } = await openWatchedPage());
      await page.goto(`${origin}/docs`);
    });
    afterAll(() => context?.close());

    it('authorizes with a key and executes GET /v1/orders with zero CSP violations', async () => {
      await page.locator('.swagger-ui .info .title').filter({ hasText: 'Fulfillment gateway' }).waitFor();
      await authorize(page);
      const block = listOrders(page);
      await block.locator('.opblock-summary').click();
      await block.getByRole('button', { name: 'Try it out' }).click();
      await block.getByRole('button', { name: 'Execute' }).click();
      await block.locator('.live-responses-table .response .response-col_status').waitFor();
      expect((await block.locator('.live-responses-table .response .response-col_status').innerText()).trim()).toBe('200');
      const body = JSON.parse((await block.locator('.live-responses-table .response-col_description pre.microlight').first().textContent()) ?? '');
      expect(body.items.map((order: { id: string }) => order.id)).toEqual(orderIds);
      // Icons (data: images) and fonts have loaded by now.
      await page.waitForLoadState('networkidle');
      expect(violations).toEqual([]);
    });

    it('keeps no API key in localStorage, before or after a reload, and asks for it again', async () => {
      expect(await storedText(page)).not.toContain(TEST_API_KEY);
      await page.reload();
      await page.locator('.swagger-ui .info .title').waitFor();
      expect(await storedText(page)).not.toContain(TEST_API_KEY);
      // Not authorized any more: the dialog offers to apply a key, not to remove one.
      await page.locator('button.btn.authorize').first().click();
      const scheme = page.locator('.dialog-ux .modal-ux .auth-container').filter({ hasText: 'api-key' });
      await scheme.getByRole('button', { name: 'Apply credentials' }).waitFor();
      expect(violations).toEqual([]);
    });
  });

  describe('the queue dashboard under its policy', () => {
    it('lists every queue with zero CSP violations', async () => {
      const { context, page, violations } = await openWatchedPage({ username: 'ops', password: TEST_API_KEY });
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      try {
        await page.goto(`${origin}/queues`);
        for (const queue of ALL_QUEUES) await page.getByText(queue, { exact: true }).first().waitFor();
        await page.waitForLoadState('networkidle');
        // One queue's own page too (its views load more code and styles).
        await page.getByText(ALL_QUEUES[0], { exact: true }).first().click();
        await page.waitForURL(`**/queues/queue/${ALL_QUEUES[0]}**`);
        await page.getByText('Loading...').waitFor({ state: 'detached' });
        await page.getByText('No latest jobs in this queue.').waitFor();
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: SCREENSHOT });
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('cannot be framed by a page of another origin', async () => {
    const { context, page, console } = await openWatchedPage({ username: 'ops', password: TEST_API_KEY });
    try {
      await page.goto(attackerOrigin, { waitUntil: 'load' });
      // The harness can frame at all: the attacker's own page renders in its frame.
      await page.frameLocator('iframe#control').locator('#control').filter({ hasText: 'framed fine' }).waitFor();
      // Swagger UI's container and the dashboard's root never render inside the other two.
      expect(await page.frameLocator('iframe#docs').locator('#swagger-ui').count()).toBe(0);
      expect(await page.frameLocator('iframe#queues').locator('#root').count()).toBe(0);
      // Chromium says why, once per refused frame.
      expect(console.filter((line) => line.includes("frame-ancestors 'none'")).length).toBe(2);
    } finally {
      await context.close();
    }
  });

  /**
   * A page whose CSP violations (the `securitypolicyviolation` event, from
   * the first script on, and console errors naming the policy) are recorded.
   */
  async function openWatchedPage(httpCredentials?: { username: string; password: string }) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, httpCredentials });
    const violations: string[] = [];
    const console: string[] = [];
    await context.exposeBinding('reportCspViolation', (_source, violation: string) => void violations.push(violation));
    // Runs in every document before its own scripts (as a string: the page's DOM types are not the test's).
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber));`,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('console', (message) => {
      console.push(message.text());
      if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    return { context, page, violations, console };
  }
});

function baseHeaders(response: Response) {
  return {
    nosniff: response.headers.get('x-content-type-options'),
    frame: response.headers.get('x-frame-options'),
    referrer: response.headers.get('referrer-policy'),
    csp: response.headers.get('content-security-policy'),
  };
}

function parsePolicy(policy: string | null): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const directive of (policy ?? '').split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return directives;
}

async function authorize(page: Page): Promise<void> {
  await page.locator('button.btn.authorize').first().click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  const scheme = dialog.locator('.auth-container').filter({ hasText: 'api-key' });
  await scheme.getByLabel('auth-bearer-value').fill(TEST_API_KEY);
  await scheme.getByRole('button', { name: 'Apply credentials' }).click();
  await scheme.getByRole('button', { name: 'Remove authorization' }).waitFor();
  await scheme.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
}

function listOrders(page: Page) {
  return page.locator('.opblock-get').filter({ has: page.locator('.opblock-summary-path[data-path="/v1/orders"]') });
}

/** Everything the page's origin keeps in localStorage and sessionStorage, as one string. */
async function storedText(page: Page): Promise<string> {
  return String(await page.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })'));
}
