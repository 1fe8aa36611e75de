import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { infraDir, requireTool, run } from './tools.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sg-promtool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function promtool(...args: string[]) {
  requireTool('promtool', "apt-get install prometheus (Debian's package; .ci/run does)");
  const out = run('promtool', args, path.join(infraDir, 'prometheus'));
  expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
  return out.stdout;
}

describe('Prometheus configuration (promtool)', () => {
  it('accepts the Compose and the Kubernetes scrape configs', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toMatch(/is valid prometheus config/);
    expect(promtool('check', 'config', 'prometheus-kubernetes.yml')).toMatch(/is valid prometheus config/);
  });

  it('accepts the alert and recording rules', () => {
    expect(promtool('check', 'rules', 'rules/storegraph.rules.yml')).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('passes the alert unit tests (error rate, outbox lag, queue backlog, payment failures, target down)', () => {
    expect(promtool('test', 'rules', 'tests/alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('has an alert for each concern the platform promises to watch', () => {
    const rules = readFileSync(path.join(infraDir, 'prometheus/rules/storegraph.rules.yml'), 'utf8');
    for (const alert of [
      'RouterHighErrorRate',
      'RouterHighLatency',
      'PaymentFailuresHigh',
      'CatalogQueueBacklog',
      'CatalogOutboxLag',
      'StoregraphTargetDown',
    ]) {
      expect(rules).toContain(`alert: ${alert}`);
    }
  });
});

describe('Grafana dashboards', () => {
  const dir = path.join(infraDir, 'grafana/dashboards');
  const dashboards = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, json: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));

  it('are the router overview, the per-subgraph view and the business KPIs, with unique ids', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual([
      'storegraph-business',
      'storegraph-router',
      'storegraph-subgraph',
    ]);
    for (const { json } of dashboards) {
      expect(json.panels.length).toBeGreaterThan(3);
      expect(new Set(json.panels.map((p: { id: number }) => p.id)).size).toBe(json.panels.length);
    }
  });

  it('query only with valid PromQL (every expression checked by promtool as a recording rule)', () => {
    const rules = dashboards.flatMap(({ file, json }) =>
      json.panels.flatMap((panel: { targets: Array<{ expr: string }> }, i: number) =>
        panel.targets.map((target, j) => ({
          record: `dashboard:${file.replace(/\W/g, '_')}:${i}_${j}`,
          // Grafana's variables, as Grafana would fill them in.
          expr: target.expr.replaceAll('$__rate_interval', '1m').replaceAll('$service', 'products'),
        })),
      ),
    );
    expect(rules.length).toBeGreaterThan(20);
    const file = path.join(scratch, 'dashboards.rules.yml');
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboards', rules }] }));
    expect(promtool('check', 'rules', file)).toContain(`SUCCESS: ${rules.length} rules found`);
  });
});
