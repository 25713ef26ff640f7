import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, readConfigFile, validateConfigFile, type Env } from '../../../src/config/index.js';
import { problems } from './problems.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-secretbot', SLACK_SIGNING_SECRET: 'signing-secret' };
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const FULL = [
  'clusters:',
  '  - name: prod-us',
  '    kubeconfig: kube/prod-us.yaml',
  '    context: prod-us-admin',
  '    namespaces: [shop, payments]',
  '    permissions:',
  '      cordon: [S0SRE0001]',
  '      drain: [S0SRE0001]',
  '      rollback: [S0SRE0001, S0CHECKOUT]',
  '      restart: [S0SRE0001, S0CHECKOUT]',
  '      scale: [S0SRE0001]',
  '  - name: staging',
  '    kubeconfig: /KUBE_ABS/staging.yaml',
  'mitigation:',
  '  blast_radius_percent: 12.5',
  '  preview_expiry_minutes: 5',
  'services:',
  '  - name: checkout',
  '    kubernetes: { cluster: prod-us, namespace: shop, deployments: [checkout-api, checkout-worker] }',
  '  - name: search',
].join('\n');

describe('clusters and mitigation configuration', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'warroom-k8s-'));
    mkdirSync(join(cwd, 'kube'));
    writeFileSync(join(cwd, 'kube/prod-us.yaml'), 'apiVersion: v1\nkind: Config\n');
    writeFileSync(join(cwd, 'kube/staging.yaml'), 'apiVersion: v1\nkind: Config\n');
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  const write = (yaml: string) => writeFileSync(join(cwd, 'warroom.yml'), yaml.replaceAll('/KUBE_ABS', join(cwd, 'kube')));
  const load = (yaml: string, env: Env = {}, purpose: 'bot' | 'deploy-check' = 'bot') => {
    write(yaml);
    return loadConfig({ env: { ...SLACK, ...env }, cwd, purpose });
  };

  it('maps clusters, thresholds and services to MitigationSettings, with absolute kubeconfig paths', () => {
    const config = load(FULL);
    expect(config.mitigation).toEqual({
      clusters: [
        {
          name: 'prod-us',
          namespaces: ['shop', 'payments'],
          permissions: {
            cordon: ['S0SRE0001'],
            drain: ['S0SRE0001'],
            rollback: ['S0SRE0001', 'S0CHECKOUT'],
            restart: ['S0SRE0001', 'S0CHECKOUT'],
            scale: ['S0SRE0001'],
          },
        },
        // Left out: no namespaces, and nobody may confirm anything.
        { name: 'staging', namespaces: [], permissions: { cordon: [], drain: [], rollback: [], restart: [], scale: [] } },
      ],
      blastRadiusPercent: 12.5,
      previewExpiryMinutes: 5,
      services: [{ name: 'checkout', cluster: 'prod-us', namespace: 'shop', deployments: ['checkout-api', 'checkout-worker'] }],
    });
    expect(config.kubernetes).toEqual([
      { name: 'prod-us', kubeconfigPath: join(cwd, 'kube/prod-us.yaml'), context: 'prod-us-admin' },
      { name: 'staging', kubeconfigPath: join(cwd, 'kube/staging.yaml'), context: null },
    ]);
  });

  it('defaults to no clusters, a 10% threshold and 10-minute previews', () => {
    for (const config of [load('time_zone: UTC\n'), loadConfig({ env: SLACK, cwd: join(cwd, 'kube') })]) {
      expect(config.mitigation).toEqual({ clusters: [], blastRadiusPercent: 10, previewExpiryMinutes: 10, services: [] });
      expect(config.kubernetes).toEqual([]);
    }
  });

  it('reports duplicate clusters, unknown clusters (with the closest name) and namespaces a cluster does not allow', () => {
    const yaml = [
      'clusters:',
      '  - { name: prod-us, kubeconfig: kube/prod-us.yaml, namespaces: [shop] }',
      '  - { name: Prod-US, kubeconfig: kube/prod-us.yaml }',
      'services:',
      '  - name: checkout',
      '    kubernetes: { cluster: prod-su, namespace: shop }',
      '  - name: payments',
      '    kubernetes: { cluster: prod-us, namespace: payments }',
    ].join('\n');
    expect(problems(() => load(yaml))).toEqual([
      'clusters[1].name: duplicate cluster name "Prod-US" (already used at clusters[0].name)',
      'services[0].kubernetes.cluster: "prod-su" is not one of the clusters (prod-us, Prod-US); did you mean prod-us?',
      expect.stringMatching(/^services\[1\]\.kubernetes\.namespace: "payments" is not in cluster prod-us's namespaces \(shop\)/),
    ]);
    expect(problems(() => load('services:\n  - name: checkout\n    kubernetes: { cluster: prod, namespace: shop }\n'))).toEqual([
      'services[0].kubernetes.cluster: "prod" is not a cluster listed under clusters: (none are)',
    ]);
  });

  it('bounds the threshold and the expiry, and catches typos, bad group ids and bad Kubernetes names by path', () => {
    const yaml = [
      'clusters:',
      '  - name: prod-us',
      '    kubeconfig: kube/prod-us.yaml',
      '    namespaces: [Shop]',
      '    permissions: { cordon: [U0NOTAGROUP], rolback: [S0SRE0001] }',
      '    contxt: prod',
      'mitigation: { blast_radius_percent: 0, preview_expiry_minutes: 121 }',
      'services:',
      '  - name: checkout',
      '    kubernetes: { cluster: prod-us, namespace: shop, deployments: [Checkout_API] }',
    ].join('\n');
    const found = problems(() => load(yaml));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^clusters\[0\]\.namespaces\[0\]: expected a Kubernetes namespace .*"Shop"/),
        expect.stringMatching(/^clusters\[0\]\.permissions\.cordon\[0\]: expected a Slack user group ID/),
        'clusters[0].permissions.rolback: unknown option (did you mean rollback?)',
        'clusters[0].contxt: unknown option (did you mean context?)',
        expect.stringMatching(/^mitigation\.blast_radius_percent: expected a percentage above 0, at most 100, got 0/),
        expect.stringMatching(/^mitigation\.preview_expiry_minutes: expected whole minutes from 1 to 120, got 121/),
        expect.stringMatching(/^services\[0\]\.kubernetes\.deployments\[0\]: expected a Deployment name/),
      ]),
    );
    expect(problems(() => load('mitigation: { blast_radius_percent: 100.5, preview_expiry_minutes: 2.5 }\n'))).toEqual([
      expect.stringMatching(/^mitigation\.blast_radius_percent: expected a percentage above 0, at most 100, got 100\.5/),
      expect.stringMatching(/^mitigation\.preview_expiry_minutes: expected whole minutes from 1 to 120/),
    ]);
    expect(load('mitigation: { blast_radius_percent: 100, preview_expiry_minutes: 120 }\n').mitigation).toMatchObject({ blastRadiusPercent: 100, previewExpiryMinutes: 120 });
  });

  it('requires a readable kubeconfig for the bot and in config validate, but not for CI deploy checks', () => {
    const yaml = ['clusters:', '  - { name: prod-us, kubeconfig: kube/missing.yaml }', '  - { name: eu, kubeconfig: kube }'].join('\n');
    const expected = [
      `clusters[0].kubeconfig: ${join(cwd, 'kube/missing.yaml')}: file not found (paths are relative to the config file)`,
      `clusters[1].kubeconfig: ${join(cwd, 'kube')}: is not a file (paths are relative to the config file)`,
    ];
    expect(problems(() => load(yaml))).toEqual(expected);
    expect(validateConfigFile(join(cwd, 'warroom.yml'))).toEqual(expected);
    const ci = load(yaml, {}, 'deploy-check');
    expect(ci.kubernetes.map((k) => k.kubeconfigPath)).toEqual([join(cwd, 'kube/missing.yaml'), join(cwd, 'kube')]);
  });

  it('ships an example that validates without any cluster', () => {
    const result = readConfigFile(join(root, 'config/warroom.example.yml'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.settings.kubernetes).toEqual([]);
    expect(result.settings.mitigation).toMatchObject({ clusters: [], blastRadiusPercent: 10, previewExpiryMinutes: 10 });
  });
});
