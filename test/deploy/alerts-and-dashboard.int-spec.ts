import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
