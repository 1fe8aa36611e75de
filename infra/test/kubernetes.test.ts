import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kustomize } from './tools.js';

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: any; data?: any };

function render(dir: string): Doc[] {
  return parseAllDocuments(kustomize(dir)).map((d) => {
    const doc = d.toJS() as Doc;
    // kustomize 5 folds long base64 values over several lines, which the API server
    // accepts; the schema's "byte" format does not, so the check sees them unfolded.
    if (doc.kind === 'Secret' && doc.data) {
      for (const key of Object.keys(doc.data)) doc.data[key] = String(doc.data[key]).replace(/\s+/g, '');
    }
    return doc;
  });
}

/**
 * Validates a manifest against the Kubernetes API schema of its kind, offline: the
 * kubernetes-models package bundles the OpenAPI schemas of the API (and checks
 * required fields, types, formats and unknown fields with ajv).
 */
async function validate(doc: Doc): Promise<void> {
  const module = await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`);
  const Model = module.default ?? module[doc.kind];
  new Model(doc).validate();
}

const SERVICES = ['router', 'users', 'products', 'cart', 'orders', 'search', 'storefront'];
const SUBGRAPHS = ['users', 'products', 'cart', 'orders', 'search'];

describe.each(['base', 'overlays/dev', 'overlays/prod'])('Kubernetes manifests: %s', (dir) => {
  const docs = render(`k8s/${dir}`);
  const of = (kind: string) => docs.filter((d) => d.kind === kind);

  it('render with kustomize and pass the Kubernetes API schemas', async () => {
    expect(docs.length).toBeGreaterThan(30);
    for (const doc of docs) {
      await expect(validate(doc), `${doc.kind}/${doc.metadata.name}`).resolves.toBeUndefined();
    }
  });

  it('give every process a Deployment with probes on /healthz and /readyz, resources, a Service, an HPA and a PDB', () => {
    expect(
      of('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...SERVICES].sort());
    for (const deployment of of('Deployment')) {
      const name = deployment.metadata.name;
      const [container] = deployment.spec.template.spec.containers;
      expect(container.livenessProbe.httpGet.path, name).toBe('/healthz');
      expect(container.readinessProbe.httpGet.path, name).toBe(name === 'storefront' ? '/healthz' : '/readyz');
      expect(container.resources.requests.cpu, name).toBeTruthy();
      expect(container.resources.limits.memory, name).toBeTruthy();
      expect(of('Service').some((s) => s.metadata.name === name)).toBe(true);
      expect(of('HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === name)).toBe(true);
      expect(of('PodDisruptionBudget').some((p) => p.metadata.name === name)).toBe(true);
    }
    for (const doc of docs) expect(doc.metadata.namespace ?? 'storegraph').toBe('storegraph');
  });

  it('reference secrets by name and never inline one in a container', () => {
    for (const deployment of of('Deployment')) {
      for (const { name, value, valueFrom } of deployment.spec.template.spec.containers[0].env) {
        if (/SECRET|DATABASE_URL|REDIS_URL|PASSWORD|TOKEN/.test(name)) {
          expect(value, `${deployment.metadata.name} ${name}`).toBeUndefined();
          expect(valueFrom.secretKeyRef.name).toMatch(/^storegraph-/);
        }
      }
    }
    // Only the dev overlay generates (development) secrets; base and prod define none.
    expect(of('Secret').length > 0).toBe(dir === 'overlays/dev');
  });

  it('let only the router (and the named internal callers) reach the subgraphs, behind a default deny', () => {
    const policies = of('NetworkPolicy');
    const deny = policies.find((p) => p.metadata.name === 'default-deny-ingress');
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const subgraphs = policies.find((p) => p.metadata.name === 'subgraphs-from-router');
    expect(subgraphs?.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/component': 'subgraph' });
    expect(subgraphs?.spec.ingress[0].from).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'router' } } },
    ]);
    for (const name of SUBGRAPHS) {
      const deployment = of('Deployment').find((d) => d.metadata.name === name);
      expect(deployment?.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('subgraph');
    }
    // Nothing from outside the namespace reaches a subgraph's GraphQL port.
    for (const policy of policies) {
      const selects = policy.spec.podSelector.matchLabels ?? {};
      if (selects['app.kubernetes.io/component'] !== 'subgraph') continue;
      for (const rule of policy.spec.ingress ?? []) {
        for (const from of rule.from) expect(from.namespaceSelector).toBeUndefined();
      }
    }
  });

  it('expose only the router and the storefront through the Ingress', () => {
    const [ingress] = of('Ingress');
    const backends = ingress?.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name));
    expect(backends.sort()).toEqual(['router', 'storefront']);
  });
});

describe('Kubernetes overlays', () => {
  it('differ where they should: dev runs one replica, prod pins tags and raises autoscaling floors', () => {
    const dev = render('k8s/overlays/dev');
    const prod = render('k8s/overlays/prod');
    const deployment = (docs: Doc[], name: string) =>
      docs.find((d) => d.kind === 'Deployment' && d.metadata.name === name);
    expect(deployment(dev, 'router')?.spec.replicas).toBe(1);
    expect(deployment(prod, 'router')?.spec.template.spec.containers[0].image).toBe('storegraph/router:0.1.0');
    const hpa = prod.find((d) => d.kind === 'HorizontalPodAutoscaler' && d.metadata.name === 'router');
    expect(hpa?.spec.minReplicas).toBe(3);
  });

  it('are refused by the schema check when a manifest is wrong (the validator is not a no-op)', async () => {
    const [deployment] = render('k8s/base').filter((d) => d.kind === 'Deployment');
    const broken = structuredClone(deployment as Doc);
    broken.spec.replicas = 'two';
    await expect(validate(broken)).rejects.toThrow();
    const missing = structuredClone(deployment as Doc);
    delete missing.spec.selector;
    await expect(validate(missing)).rejects.toThrow();
  });
});
