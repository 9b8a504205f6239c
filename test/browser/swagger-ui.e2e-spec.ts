import { mkdirSync, statSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, chromium, Page } from 'playwright-core';
import { CanonicalOrder } from '@app/orders';
import { startApi, TEST_API_KEY } from '../support/api-fixture';
import { chromePath } from '../support/chrome-path';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

/* Drives the real Swagger UI at /docs in a headless Chromium (or Chrome:
 * CHROME_PATH or the usual places, test/support/chrome-path.ts), the way an
 * operator uses it: authorize with an API key, run GET /v1/orders, read the
 * answer off the page. scripts/ensure-deps.sh installs Debian's chromium;
 * playwright-core never downloads a browser. */

const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'swagger-ui.png');
/** Each UI step waits at most this long, so a broken page fails fast instead of hanging the run. */
const STEP_MS = 10_000;

describe('Swagger UI in a real browser', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let browser: Browser | undefined;
  let page: Page;
  let orders: CanonicalOrder[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const executablePath = chromePath();
    await flushRedis();
    store = await openStore();
    orders = [
      await insert(store.repository, newOrder({ channel: 'joom', externalId: 'swagger-ui-joom-1' })),
      await insert(store.repository, newOrder({ channel: 'akinon', externalId: 'swagger-ui-akinon-1' })),
    ];
    app = await startApi();
    const { port } = app.getHttpServer().address() as AddressInfo;
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      timeout: STEP_MS,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`http://127.0.0.1:${port}/docs`);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('renders the document with the Authorize button and GET /v1/orders', async () => {
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Fulfillment gateway' }).waitFor();
    await page.locator('button.btn.authorize').first().waitFor();
    await listOrders().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('opens Try it out with no filter or cursor pre-filled', async () => {
    await listOrders().locator('.opblock-summary').click();
    await listOrders().getByRole('button', { name: 'Try it out' }).click();
    // Swagger UI pre-fills each parameter from its OpenAPI `example`: a filter or a
    // made-up cursor there turns an operator's first Execute into a narrowed page
    // or a 400 invalid_cursor. Only the page size may come pre-filled.
    const rows = listOrders().locator('tr[data-param-in="query"]');
    await rows.first().waitFor();
    const prefilled: Record<string, string> = {};
    for (const row of await rows.all()) {
      const value = await row.locator('input, select').first().inputValue();
      if (value) prefilled[(await row.getAttribute('data-param-name'))!] = value;
    }
    const { limit: _pageSize, ...filters } = prefilled;
    expect(filters).toEqual({});
  });

  it('answers Execute with 401 before an API key is given', async () => {
    const { status, url } = await execute();
    expect(status).toBe('401');
    expect(url.pathname).toBe('/v1/orders');
    expect(JSON.parse((await responseBody()) ?? '')).toEqual(expect.objectContaining({ statusCode: 401, code: 'unauthorized' }));
  });

  it('authorizes with the API key and lists the seeded orders with 200', async () => {
    await page.locator('button.btn.authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    // Accessible names are Swagger UI's aria-labels: the buttons read "Authorize" / "Logout" on screen.
    const scheme = dialog.locator('.auth-container').filter({ hasText: 'api-key' });
    await scheme.getByLabel('auth-bearer-value').fill(TEST_API_KEY);
    await scheme.getByRole('button', { name: 'Apply credentials' }).click();
    // The scheme now offers "Logout": the UI accepted the key.
    await scheme.getByRole('button', { name: 'Remove authorization' }).waitFor();
    await scheme.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    const { status, curl } = await execute();
    // Kept before the assertions, so a failing run leaves the page it saw behind.
    // The operation block alone (parameters, curl, status, body, closed lock): the whole page is ~7000 px tall.
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await listOrders().screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(0);
    expect(status).toBe('200');
    // The key the UI was given is the one it sent.
    expect(curl).toContain(`Bearer ${TEST_API_KEY}`);
    // The body as the page renders it, not a side fetch.
    const body = JSON.parse((await responseBody()) ?? '');
    expect(body.items.map((order: { id: string }) => order.id).sort()).toEqual(orders.map((order) => order.id).sort());
    expect(pageErrors).toEqual([]);
  });

  /** The GET /v1/orders operation block (not the /v1/orders/{id} ones). */
  function listOrders() {
    return page.locator('.opblock-get').filter({ has: page.locator('.opblock-summary-path[data-path="/v1/orders"]') });
  }

  /** Clicks Execute and waits for the live response of this request (the previous one is cleared first). */
  async function execute(): Promise<{ status: string; curl: string; url: URL }> {
    const block = listOrders();
    const clear = block.getByRole('button', { name: 'Clear', exact: true });
    if (await clear.isVisible()) {
      await clear.click();
      await block.locator('.live-responses-table').waitFor({ state: 'detached' });
    }
    await block.getByRole('button', { name: 'Execute' }).click();
    const status = block.locator('.live-responses-table .response .response-col_status');
    await status.waitFor();
    const curl = await block.locator('.curl-command').innerText();
    const url = /'(http[^']+)'/.exec(curl)?.[1];
    if (!url) throw new Error(`no request URL in the rendered curl command:\n${curl}`);
    return { status: (await status.innerText()).trim(), curl, url: new URL(url) };
  }

  async function responseBody(): Promise<string | null> {
    return listOrders().locator('.live-responses-table .response-col_description pre.microlight').first().textContent();
  }
});
