/**
 * One set of API clients per configured cluster (kubeconfig file or inline YAML, optional context), and the
 * per-call options: a timeout enforced through an AbortSignal, and the patch Content-Type client-node 1.x
 * would otherwise default to JSON patch.
 */
import { AppsV1Api, CoreV1Api, KubeConfig, Observable, PolicyV1Api, setHeaderOptions, type ConfigurationOptions, type ObservableMiddleware, type PatchStrategy } from '@kubernetes/client-node';
import { KubeTimeout } from './kube-errors.js';

export interface ClusterDefinition {
  name: string;
  kubeconfigPath?: string;
  kubeconfigYaml?: string;
  context?: string;
}

export interface ClusterClients {
  name: string;
  core: CoreV1Api;
  apps: AppsV1Api;
  policy: PolicyV1Api;
}

export type CallOptions = (patch?: PatchStrategy) => ConfigurationOptions<ObservableMiddleware>;

/** Throws a readable Error for a kubeconfig that cannot be loaded or lacks the context: a configuration mistake. */
export function loadCluster(def: ClusterDefinition): ClusterClients {
  const kc = new KubeConfig();
  try {
    if (def.kubeconfigYaml !== undefined) kc.loadFromString(def.kubeconfigYaml);
    else if (def.kubeconfigPath !== undefined) kc.loadFromFile(def.kubeconfigPath);
    else throw new Error('neither kubeconfigPath nor kubeconfigYaml is set');
    if (def.context) kc.setCurrentContext(def.context);
    if (!kc.getCurrentCluster()) throw new Error(`context "${kc.getCurrentContext()}" names no cluster`);
    return { name: def.name, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api), policy: kc.makeApiClient(PolicyV1Api) };
  } catch (err) {
    const source = def.kubeconfigYaml !== undefined ? 'the inline kubeconfig' : `kubeconfig ${def.kubeconfigPath ?? '(none)'}`;
    const context = def.context ? ` (context ${def.context})` : '';
    throw new Error(`cluster ${def.name}: cannot load ${source}${context}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * Runs `fn` with call options whose AbortSignal fires after `timeoutMs`; rejects with KubeTimeout then, even if the
 * transport ignores the signal.
 */
export async function withTimeout<T>(timeoutMs: number, fn: (options: CallOptions) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const signalMiddleware: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(controller.signal);
      return new Observable(Promise.resolve(ctx));
    },
    post: (res) => new Observable(Promise.resolve(res)),
  };
  const options: CallOptions = (patch) => {
    const base: ConfigurationOptions<ObservableMiddleware> = { middleware: [signalMiddleware], middlewareMergeStrategy: 'append' };
    return patch ? setHeaderOptions('Content-Type', patch, base) : base;
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new KubeTimeout(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
