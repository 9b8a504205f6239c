import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { readRepoFile, REPO_ROOT } from '../support/compose-file';

const PROMETHEUS_DIR = join(REPO_ROOT, 'deploy', 'prometheus');

/** promtool (Debian's `prometheus` package, installed by scripts/ensure-deps.sh); its output on failure. */
function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('promtool', args, { cwd: PROMETHEUS_DIR, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** The metrics whose series belong to one store or seller account (docs/api-decisions.md AC-3). */
const PER_ACCOUNT = [
  'gateway_circuit_open',
  'gateway_circuit_openings_total',
  'gateway_remote_credentials_refused',
  'gateway_channel_auth_ok',
  'gateway_remote_responses_total',
  'gateway_sync_caught_up_timestamp_seconds',
  'gateway_step_duration_seconds',
];
const perAccount = (expr: string) => PER_ACCOUNT.some((metric) => new RegExp(`\\b${metric}(_bucket|_sum|_count)?\\b`).test(expr));
const groupsByAccount = (expr: string) => [...expr.matchAll(/\bby \(([^)]*)\)/g)].every((match) => /\baccount\b/.test(match[1])) && /\bby \(/.test(expr);

/** Every `gateway_*` metric a file queries, histogram series folded into their metric's name. */
function gatewayMetricsIn(text: string): string[] {
  const names = text.match(/\bgateway_[a-z_]+/g) ?? [];
  return [...new Set(names.map((name) => name.replace(/_(bucket|sum|count)$/, '')))].sort();
}

/** The metric names the gateway's code registers (`name: 'gateway_…'` or a helper's first argument). */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/['"](gateway_[a-z_]+)['"]/g)) names.add(match[1]);
      }
    }
  };
  for (const app of ['api', 'worker']) walk(join(REPO_ROOT, 'apps', app, 'src'));
  return names;
}

describe('Prometheus alert rules and the Grafana dashboard (deploy/)', () => {
  it('the rules pass `promtool check config` and their unit tests (`promtool test rules`)', async () => {
    const config = await promtool('check', 'config', 'prometheus.yml');
    expect([config.code, config.output]).toEqual([0, expect.stringContaining('SUCCESS: 11 rules found')]);
    const tests = await promtool('test', 'rules', 'gateway-alerts.test.yml');
    expect([tests.code, tests.output]).toEqual([0, expect.stringContaining('SUCCESS')]);
  });

  it('every alert has a unit test that fires it', () => {
    const alerts = [...readRepoFile('deploy/prometheus/gateway-alerts.yml').matchAll(/- alert: (\w+)/g)].map((match) => match[1]);
    const tested = new Set([...readRepoFile('deploy/prometheus/gateway-alerts.test.yml').matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels/g)].map((match) => match[1]));
    expect(alerts.filter((alert) => !tested.has(alert))).toEqual([]);
  });

  it('names the account in every alert and panel over a per-account metric', () => {
    const rules = (load(readRepoFile('deploy/prometheus/gateway-alerts.yml')) as { groups: { rules: { alert: string; expr: string; annotations: { summary: string } }[] }[] }).groups.flatMap(
      (group) => group.rules,
    );
    const accountRules = rules.filter((rule) => perAccount(rule.expr));
    expect(accountRules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['GatewayMarketplaceDown', 'GatewayMarketplaceErrorsHigh', 'GatewayCredentialsRefused', 'GatewayOAuthRefreshRefused', 'GatewaySyncStale']),
    );
    for (const rule of accountRules) {
      expect({ alert: rule.alert, grouped: groupsByAccount(rule.expr), named: rule.annotations.summary.includes('{{ $labels.account }}') }).toEqual({ alert: rule.alert, grouped: true, named: true });
    }
    const dashboard = JSON.parse(readRepoFile('deploy/grafana/gateway-dashboard.json')) as {
      templating: { list: { name: string }[] };
      panels: { title: string; targets?: { expr: string; legendFormat: string }[] }[];
    };
    expect(dashboard.templating.list.map((variable) => variable.name)).toContain('account');
    const targets = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, ...target }))).filter((target) => perAccount(target.expr));
    expect(targets.length).toBeGreaterThanOrEqual(6);
    for (const target of targets) {
      const shown = { grouped: groupsByAccount(target.expr), filtered: target.expr.includes('account=~"$account"'), legend: target.legendFormat.includes('{{account}}') };
      expect({ panel: target.panel, ...shown }).toEqual({ panel: target.panel, grouped: true, filtered: true, legend: true });
    }
  });

  it('queries only metrics the api and the worker register', () => {
    const registered = registeredMetrics();
    const dashboard = JSON.parse(readRepoFile('deploy/grafana/gateway-dashboard.json')) as { panels: { targets?: { expr: string }[] }[] };
    const queried = [
      ...gatewayMetricsIn(readRepoFile('deploy/prometheus/gateway-alerts.yml')),
      ...gatewayMetricsIn(
        dashboard.panels
          .flatMap((panel) => panel.targets ?? [])
          .map((target) => target.expr)
          .join('\n'),
      ),
    ];
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((name) => !registered.has(name))).toEqual([]);
  });
});
