import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CONSOLE, SERVICES } from '../scripts/services';

interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: Record<string, any>;
}

function load(file: string): Manifest[] {
  const text = readFileSync(path.join(__dirname, file), 'utf8');
  return parseAllDocuments(text).map((document) => {
    const [error] = document.errors;
    if (error) throw new Error(`${file}: ${error.message}`);
    return document.toJS() as Manifest;
  });
}

describe('Kubernetes manifests', () => {
  const kustomization = load('kustomization.yaml')[0] as unknown as { resources: string[] };

  it('lists every manifest file in the kustomization', () => {
    expect(kustomization.resources).toEqual(
      expect.arrayContaining(['namespace.yaml', 'config.yaml', 'kafka.yaml', 'postgres.yaml']),
    );
    for (const resource of kustomization.resources) expect(() => load(resource)).not.toThrow();
  });

  describe.each([...SERVICES, CONSOLE].map((service) => [service.name, service.port] as const))('%s', (name, port) => {
    const manifests = load(`${name}.yaml`);
    const byKind = (kind: string) => manifests.find((manifest) => manifest.kind === kind);

    it('is in the kustomization with a Deployment, Service, HPA and PodDisruptionBudget', () => {
      expect(kustomization.resources).toContain(`${name}.yaml`);
      expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(
        ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service'].sort(),
      );
    });

    it('runs the service on its contract port with live and ready probes and the shared configuration', () => {
      const container = byKind('Deployment')?.spec.template.spec.containers[0];
      expect(container.env).toEqual(
        expect.arrayContaining([
          { name: 'SERVICE', value: name },
          { name: 'PORT', value: String(port) },
        ]),
      );
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.envFrom).toEqual([
        { configMapRef: { name: 'settle-config' } },
        { secretRef: { name: 'settle-secrets' } },
      ]);
      expect(byKind('Service')?.spec.ports[0].port).toBe(port);
      expect(byKind('HorizontalPodAutoscaler')?.spec.scaleTargetRef.name).toBe(name);
    });
  });
});
