import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, parseAllDocuments, parseDocument, type YAMLMap } from 'yaml';
import { validateConfigFile } from '../../src/config/index.js';
import { CHART_DIR, REPO_ROOT, chartRenderer, only, renderChart, type Manifest, type RenderOptions } from './support/render.js';
import { schemaErrors } from './support/schemas.js';

const renderer = chartRenderer();
const packageVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; fieldRef?: { fieldPath: string } };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: Record<string, unknown>;
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  startupProbe?: { httpGet?: { path: string } };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; emptyDir?: object; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }[];
  topologySpreadConstraints?: { topologyKey: string; whenUnsatisfiable: string; labelSelector: { matchLabels: Record<string, string> } }[];
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
}
interface DeploymentShape {
  spec: {
    replicas: number;
    strategy: { type: string; rollingUpdate?: { maxUnavailable: number } };
    template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: PodSpec };
  };
}

const render = (options: RenderOptions = {}): Manifest[] => {
  if (!renderer) throw new Error('no renderer');
  const result = renderChart(renderer, options);
  if (!result.ok) throw new Error(`rendering failed:\n${result.stderr}`);
  return result.manifests;
};
const renderFailure = (options: RenderOptions): string => {
  if (!renderer) throw new Error('no renderer');
  const result = renderChart(renderer, options);
  expect(result.ok, `rendering should fail but printed:\n${result.stdout}`).toBe(false);
  return result.stderr;
};
const deploymentOf = (manifests: Manifest[]): DeploymentShape => only(manifests, 'Deployment') as unknown as DeploymentShape;
const botContainer = (manifests: Manifest[]): Container => {
  const container = deploymentOf(manifests).spec.template.spec.containers.find((c) => c.name === 'warroom');
  if (!container) throw new Error('no warroom container');
  return container;
};
const envOf = (container: Container, name: string): EnvVar | undefined => container.env?.find((e) => e.name === name);
const secretRef = (container: Container, name: string) => envOf(container, name)?.valueFrom?.secretKeyRef;
const kinds = (manifests: Manifest[]): string[] => manifests.map((m) => m.kind).sort();
const tempFile = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'warroom-helm-')), name);
  writeFileSync(file, text);
  return file;
};

/** The ClusterRole rules of deploy/kubernetes/rbac.yaml, the reference the chart must not drift from. */
const referenceRules = (): unknown => {
  const docs = parseAllDocuments(readFileSync(join(REPO_ROOT, 'deploy/kubernetes/rbac.yaml'), 'utf8')).map((d) => d.toJS() as Manifest);
  return docs.find((d) => d.kind === 'ClusterRole')?.rules;
};

/** Variables that carry credentials: they must come from the Secret, never be written into a manifest. */
const SECRET_ENV = /TOKEN|SECRET|PASSWORD|PRIVATE_KEY|USERNAME|^DATABASE_URL$/;

describe.skipIf(!renderer)(`Helm chart deploy/helm/warroom (rendered with ${renderer?.name ?? 'nothing'})`, () => {
  describe('defaults (PostgreSQL, HTTP mode, 2 replicas)', () => {
    const manifests = renderer ? render() : [];

    it('renders exactly the expected objects, each valid against the Kubernetes schemas', () => {
      expect(kinds(manifests)).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
      expect(schemaErrors(manifests)).toEqual([]);
    });

    it('runs 2 replicas that roll without losing one, spread across zones and nodes, kept by a PDB', () => {
      const deployment = deploymentOf(manifests);
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.spec.strategy).toMatchObject({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } });
      const podLabels = deployment.spec.template.metadata.labels;
      const spread = deployment.spec.template.spec.topologySpreadConstraints ?? [];
      expect(spread.map((s) => s.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
      for (const s of spread) {
        expect(s.whenUnsatisfiable).toBe('ScheduleAnyway');
        expect(podLabels).toMatchObject(s.labelSelector.matchLabels);
      }
      const pdb = only(manifests, 'PodDisruptionBudget') as unknown as { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } };
      expect(pdb.spec.minAvailable).toBe(1);
      expect(podLabels).toMatchObject(pdb.spec.selector.matchLabels);
      const service = only(manifests, 'Service') as unknown as { spec: { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string }[] } };
      expect(podLabels).toMatchObject(service.spec.selector);
      expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'http', port: 80, targetPort: 'http' })]);
    });

    it('starts the bot after a migrate initContainer, probes /healthz and /readyz, identifies replicas by pod name', () => {
      const pod = deploymentOf(manifests).spec.template.spec;
      const bot = botContainer(manifests);
      expect(bot.args).toEqual(['start']);
      expect(bot.image).toBe(`ghcr.io/warroom/warroom:${packageVersion}`);
      expect(pod.initContainers?.map((c) => [c.name, c.image, c.args])).toEqual([['migrate', bot.image, ['migrate']]]);
      expect(bot.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(bot.startupProbe?.httpGet?.path).toBe('/healthz');
      expect(bot.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(envOf(bot, 'PORT')?.value).toBe('3000');
      expect(envOf(bot, 'WARROOM_INSTANCE_ID')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
      expect(pod.terminationGracePeriodSeconds).toBe(30);
      expect(pod.serviceAccountName).toBe(only(manifests, 'ServiceAccount').metadata.name);
    });

    it('runs as non-root with a read-only root filesystem, no privilege escalation, no capabilities', () => {
      const pod = deploymentOf(manifests).spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        expect(container.securityContext, container.name).toMatchObject({
          runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
        });
        // The only writable path is an emptyDir on /tmp; no data volume without SQLite.
        expect(container.volumeMounts?.filter((m) => m.mountPath === '/tmp').map((m) => m.name)).toEqual(['tmp']);
        expect(container.volumeMounts?.some((m) => m.mountPath === '/app/data')).toBe(false);
      }
      expect(pod.volumes?.find((v) => v.name === 'tmp')?.emptyDir).toEqual({});
    });

    it('takes every credential from the Secret by reference: no token value anywhere in the output', () => {
      const bot = botContainer(manifests);
      const credentials = (bot.env ?? []).filter((e) => SECRET_ENV.test(e.name));
      expect(credentials.map((e) => e.name)).toEqual(expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL', 'PAGERDUTY_TOKEN', 'GITHUB_TOKEN']));
      for (const e of credentials) {
        expect(e.value, e.name).toBeUndefined();
        expect(e.valueFrom?.secretKeyRef?.name, e.name).toBe('warroom');
      }
      expect(secretRef(bot, 'SLACK_BOT_TOKEN')?.optional).toBeUndefined();
      expect(secretRef(bot, 'PAGERDUTY_TOKEN')?.optional).toBe(true);
      // SLACK_APP_TOKEN would switch the bot to Socket Mode.
      expect(envOf(bot, 'SLACK_APP_TOKEN')).toBeUndefined();
      const migrate = deploymentOf(manifests).spec.template.spec.initContainers?.[0];
      expect(migrate && secretRef(migrate, 'DATABASE_URL')).toEqual({ name: 'warroom', key: 'database-url' });
      expect(migrate?.env?.some((e) => e.name.startsWith('SLACK_'))).toBe(false);
      expect(JSON.stringify(manifests)).not.toMatch(/xox[abpr]-|xapp-|postgres(ql)?:\/\/|kind":"Secret"/);
    });

    it('mounts warroom.yml from the ConfigMap and rolls the pods when, and only when, it changes', () => {
      const pod = deploymentOf(manifests).spec.template.spec;
      const configMap = only(manifests, 'ConfigMap');
      expect(envOf(botContainer(manifests), 'WARROOM_CONFIG')?.value).toBe('/etc/warroom/warroom.yml');
      const mount = botContainer(manifests).volumeMounts?.find((m) => m.mountPath === '/etc/warroom');
      expect(pod.volumes?.find((v) => v.name === mount?.name)?.configMap?.name).toBe(configMap.metadata.name);
      const checksum = (m: Manifest[]) => deploymentOf(m).spec.template.metadata.annotations['checksum/config'];
      expect(checksum(manifests)).toMatch(/^[0-9a-f]{64}$/);
      expect(checksum(render())).toBe(checksum(manifests));
      expect(checksum(render({ set: { 'config.time_zone': 'Europe/Berlin' } }))).not.toBe(checksum(manifests));
    });

    it("grants exactly deploy/kubernetes/rbac.yaml's rules, bound to the chart's ServiceAccount", () => {
      const role = only(manifests, 'ClusterRole');
      expect(role.rules).toEqual(referenceRules());
      const account = only(manifests, 'ServiceAccount');
      expect(only(manifests, 'ClusterRoleBinding')).toMatchObject({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name },
        subjects: [{ kind: 'ServiceAccount', name: account.metadata.name, namespace: 'warroom' }],
      });
      expect(kinds(render({ set: { 'rbac.create': false } }))).not.toContain('ClusterRole');
    });

    it('puts the standard labels on every object, with the app version of package.json', () => {
      const chart = parseDocument(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')).toJS() as { version: string; appVersion: string };
      expect(chart.appVersion).toBe(packageVersion);
      for (const m of manifests) {
        expect(m.metadata.labels, m.kind).toMatchObject({
          'app.kubernetes.io/name': 'warroom',
          'app.kubernetes.io/instance': 'warroom',
          'app.kubernetes.io/version': packageVersion,
          'app.kubernetes.io/component': 'bot',
          'app.kubernetes.io/managed-by': 'Helm',
          'helm.sh/chart': `warroom-${chart.version}`,
        });
      }
    });

    it("renders a warroom.yml that Warroom's own validator accepts, and an in-cluster kubeconfig client-node loads", () => {
      const data = only(manifests, 'ConfigMap').data as Record<string, string>;
      expect(validateConfigFile(tempFile('warroom.yml', data['warroom.yml'] ?? ''))).toEqual([]);
      // A config with a typo must be refused, or the check above proves nothing.
      const broken = render({ set: { 'config.time_zne': 'UTC' } });
      const brokenData = only(broken, 'ConfigMap').data as Record<string, string>;
      expect(validateConfigFile(tempFile('warroom.yml', brokenData['warroom.yml'] ?? ''))).not.toEqual([]);
      // client-node reads the token file when it loads the kubeconfig: point it at a stand-in for the pod's mount.
      const accountDir = dirname(tempFile('token', 'service-account-token'));
      writeFileSync(join(accountDir, 'ca.crt'), '');
      const kubeconfig = new KubeConfig();
      kubeconfig.loadFromString((data['in-cluster.kubeconfig'] ?? '').replaceAll('/var/run/secrets/kubernetes.io/serviceaccount', accountDir));
      expect(kubeconfig.getCurrentCluster()?.server).toBe('https://kubernetes.default.svc');
      expect(kubeconfig.getCurrentUser()?.token).toBe('service-account-token');
      expect(kubeconfig.getContextObject(kubeconfig.getCurrentContext())?.namespace).toBe('warroom');
    });
  });

  describe('PostgreSQL + Socket Mode (values file)', () => {
    const valuesFile = tempFile('values.yaml', [
      'slack:', '  mode: socket',
      'database:', '  type: postgres',
      'secrets:', '  keys:', '    SLACK_SIGNING_SECRET: null', // not needed in Socket Mode
      'ingress:', '  enabled: true', // ignored: Socket Mode needs no public route
      '',
    ].join('\n'));
    const manifests = renderer ? render({ valuesFiles: [valuesFile] }) : [];

    it('renders valid objects, without PVC or Ingress', () => {
      expect(kinds(manifests)).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
      expect(schemaErrors(manifests)).toEqual([]);
    });

    it('reads SLACK_APP_TOKEN and DATABASE_URL from the Secret, no signing secret, and migrates first', () => {
      const bot = botContainer(manifests);
      expect(secretRef(bot, 'SLACK_APP_TOKEN')).toEqual({ name: 'warroom', key: 'slack-app-token' });
      expect(secretRef(bot, 'DATABASE_URL')).toEqual({ name: 'warroom', key: 'database-url' });
      expect(envOf(bot, 'SLACK_SIGNING_SECRET')).toBeUndefined();
      const init = deploymentOf(manifests).spec.template.spec.initContainers ?? [];
      expect(init.map((c) => c.args)).toEqual([['migrate']]);
      expect(init[0] && secretRef(init[0], 'DATABASE_URL')).toEqual({ name: 'warroom', key: 'database-url' });
    });
  });

  describe('SQLite (one replica)', () => {
    const manifests = renderer ? render({ set: { 'database.type': 'sqlite', replicaCount: 1 } }) : [];

    it('stores the database on a PVC mounted at /app/data, replaces the pod instead of rolling, no PDB', () => {
      expect(kinds(manifests)).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'PersistentVolumeClaim', 'Service', 'ServiceAccount']);
      expect(schemaErrors(manifests)).toEqual([]);
      const deployment = deploymentOf(manifests);
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.strategy.type).toBe('Recreate');
      const pvc = only(manifests, 'PersistentVolumeClaim');
      const data = deployment.spec.template.spec.volumes?.find((v) => v.name === 'data');
      expect(data?.persistentVolumeClaim?.claimName).toBe(pvc.metadata.name);
      const bot = botContainer(manifests);
      expect(bot.volumeMounts?.find((m) => m.mountPath === '/app/data')?.name).toBe('data');
      expect(envOf(bot, 'DATABASE_URL')?.value).toBe('sqlite:/app/data/warroom.db');
      const migrate = deployment.spec.template.spec.initContainers?.[0];
      expect(migrate?.volumeMounts?.find((m) => m.mountPath === '/app/data')?.name).toBe('data');
    });

    it('uses an existing claim instead of creating one', () => {
      const withClaim = render({ set: { 'database.type': 'sqlite', replicaCount: 1, 'database.sqlite.persistence.existingClaim': 'my-data' } });
      expect(kinds(withClaim)).not.toContain('PersistentVolumeClaim');
      expect(deploymentOf(withClaim).spec.template.spec.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName).toBe('my-data');
    });
  });

  describe('refuses configurations that cannot work', () => {
    it('SQLite with 2 replicas: explains that SQLite is single-replica', () => {
      const stderr = renderFailure({ set: { 'database.type': 'sqlite' } });
      expect(stderr).toContain('database.type=sqlite supports a single replica');
      expect(stderr).toMatch(/Set replicaCount=1, or use PostgreSQL/);
    });

    it('Socket Mode without the app token key', () => {
      expect(renderFailure({ set: { 'slack.mode': 'socket', 'secrets.keys.SLACK_APP_TOKEN': 'null' } })).toContain('slack.mode=socket needs secrets.keys.SLACK_APP_TOKEN');
      expect(renderFailure({ set: { 'slack.mode': 'socket', 'secrets.keys.SLACK_APP_TOKEN': '' } })).toContain('slack.mode=socket needs secrets.keys.SLACK_APP_TOKEN');
    });

    it('HTTP mode without the signing secret key', () => {
      expect(renderFailure({ set: { 'secrets.keys.SLACK_SIGNING_SECRET': 'null' } })).toContain('slack.mode=http needs secrets.keys.SLACK_SIGNING_SECRET');
    });

    it('an unknown mode or database, and PostgreSQL without DATABASE_URL', () => {
      expect(renderFailure({ set: { 'slack.mode': 'websocket' } })).toContain('slack.mode must be "http" or "socket"');
      expect(renderFailure({ set: { 'database.type': 'mysql' } })).toContain('database.type must be "sqlite" or "postgres"');
      expect(renderFailure({ set: { 'secrets.keys.DATABASE_URL': 'null' } })).toContain('database.type=postgres needs secrets.keys.DATABASE_URL');
    });
  });

  describe('optional objects', () => {
    it('renders a valid ServiceMonitor for /metrics only when enabled', () => {
      const enabled = render({ set: { 'metrics.serviceMonitor.enabled': true, 'metrics.serviceMonitor.labels.release': 'prom' } });
      expect(schemaErrors(enabled)).toEqual([]);
      const monitor = only(enabled, 'ServiceMonitor') as unknown as { metadata: { labels: Record<string, string> }; spec: { endpoints: { port: string; path: string }[]; selector: { matchLabels: Record<string, string> } } };
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
      expect(monitor.metadata.labels.release).toBe('prom');
      expect(monitor.spec.selector.matchLabels).toEqual((only(enabled, 'Service') as unknown as { spec: { selector: unknown } }).spec.selector);
      expect(kinds(render())).not.toContain('ServiceMonitor');
    });

    it('renders a valid Ingress to /slack/events in HTTP mode when enabled', () => {
      const manifests = render({ set: { 'ingress.enabled': true, 'ingress.host': 'bot.example.org', 'ingress.tlsSecretName': 'bot-tls' } });
      expect(schemaErrors(manifests)).toEqual([]);
      const ingress = only(manifests, 'Ingress') as unknown as { spec: { rules: { host: string; http: { paths: { path: string; backend: { service: { name: string } } }[] } }[] } };
      const rule = ingress.spec.rules[0];
      expect(rule?.host).toBe('bot.example.org');
      expect(rule?.http.paths.map((p) => p.path)).toContain('/slack/events');
      expect(rule?.http.paths.every((p) => p.backend.service.name === only(manifests, 'Service').metadata.name)).toBe(true);
    });
  });
});

/** Keys whose children are documented as a group by the comment above the key itself. */
const GROUPS = new Set(['resources', 'config', 'keys', 'optionalKeys']);

describe('deploy/helm/warroom/values.yaml', () => {
  it('documents every setting with a comment above it (the README points here)', () => {
    const document = parseDocument(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8'));
    const undocumented: string[] = [];
    const walk = (map: YAMLMap, prefix: string, inheritedComment: string | null | undefined): void => {
      map.items.forEach((pair, i) => {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = String(pair.key.value);
        // The parser attaches a comment above a nested map's first key to the map itself.
        const comment = pair.key.commentBefore ?? (i === 0 ? inheritedComment : null);
        if (isMap(pair.value) && !GROUPS.has(key)) walk(pair.value, `${prefix}${key}.`, pair.value.commentBefore);
        else if (!comment?.trim()) undocumented.push(`${prefix}${key}`);
      });
    };
    if (!isMap(document.contents)) throw new Error('values.yaml is not a map');
    walk(document.contents, '', document.commentBefore);
    expect(undocumented).toEqual([]);
  });
});
