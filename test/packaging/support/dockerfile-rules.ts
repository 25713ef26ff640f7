/**
 * Our Dockerfile rules (the hadolint checks we care about, plus Warroom's own), each a function from a parsed
 * Dockerfile to the problems it finds, so that a test can show every rule catching a bad file too.
 */
import { execForm, instructionsOf, parseCopy, splitFlags, stageNamed, workdirOf, type Dockerfile, type Instruction, type Stage } from './dockerfile.js';

export type Rule = (file: Dockerfile) => string[];

const at = (instruction: Instruction): string => `line ${instruction.line}`;
const lastStage = (file: Dockerfile): Stage | undefined => file.stages.at(-1);
const allInstructions = (file: Dockerfile): Instruction[] => [...file.preamble, ...file.stages.flatMap((stage) => stage.instructions)];

/** Every FROM names a registry image with an explicit tag (or digest), never `latest`, or an earlier stage. */
export const pinnedBaseImages: Rule = (file) =>
  file.stages.flatMap((stage) => {
    const earlier = file.stages.slice(0, stage.index).some((other) => other.name === stage.image);
    if (earlier) return [];
    if (stage.image.includes('$')) return [`stage ${stage.index}: FROM ${stage.image} uses an ARG without a default`];
    const digest = stage.image.includes('@sha256:');
    const tag = /:([^/:@]+)(@|$)/.exec(stage.image)?.[1];
    if (!digest && !tag) return [`stage ${stage.index}: FROM ${stage.image} has no tag`];
    if (tag === 'latest') return [`stage ${stage.index}: FROM ${stage.image} uses latest`];
    return [];
  });

/** The runtime stage runs as a numeric, non-root uid (Kubernetes' runAsNonRoot cannot check a user name). */
export const nonRootNumericUser: Rule = (file) => {
  const stage = lastStage(file);
  const user = stage ? instructionsOf(stage, 'USER').at(-1) : undefined;
  if (!user) return ['the runtime stage sets no USER: it would run as root'];
  const match = /^(\d+)(?::(\d+))?$/.exec(user.args);
  if (!match) return [`${at(user)}: USER ${user.args} is not a numeric uid[:gid]`];
  return Number(match[1]) === 0 ? [`${at(user)}: USER ${user.args} is root`] : [];
};

/** The runtime stage has a HEALTHCHECK that asks /healthz. */
export const healthcheckOnHealthz: Rule = (file) => {
  const stage = lastStage(file);
  const check = stage ? instructionsOf(stage, 'HEALTHCHECK').at(-1) : undefined;
  if (!check) return ['the runtime stage has no HEALTHCHECK'];
  const { rest } = splitFlags(check.args);
  if (/^NONE\b/i.test(rest)) return [`${at(check)}: HEALTHCHECK NONE`];
  if (!/^CMD\b/i.test(rest)) return [`${at(check)}: HEALTHCHECK without CMD`];
  return rest.includes('/healthz') ? [] : [`${at(check)}: HEALTHCHECK does not ask /healthz`];
};

/** No ADD of remote URLs or git repositories: unverified downloads; COPY (or a checked download in RUN) instead. */
export const noRemoteAdd: Rule = (file) =>
  allInstructions(file)
    .filter((instruction) => instruction.keyword === 'ADD' && /(https?:\/\/|git@|\.git\b)/.test(instruction.args))
    .map((instruction) => `${at(instruction)}: ADD of a remote source`);

/** apt-get: update and install in one RUN, -y and --no-install-recommends, lists removed in the same layer. */
export const tidyAptGet: Rule = (file) =>
  allInstructions(file)
    .filter((instruction) => instruction.keyword === 'RUN' && /\bapt-get\s+(-\S+\s+)*install\b/.test(instruction.args))
    .flatMap((instruction) => {
      const problems: string[] = [];
      const run = instruction.args;
      if (!/\bapt-get\s+(-\S+\s+)*update\b/.test(run)) problems.push(`${at(instruction)}: apt-get install without apt-get update in the same RUN (a stale cached index)`);
      if (!/--no-install-recommends\b/.test(run)) problems.push(`${at(instruction)}: apt-get install without --no-install-recommends`);
      if (!/\s(-y|--yes|--assume-yes)\b/.test(run)) problems.push(`${at(instruction)}: apt-get install without -y`);
      if (!/rm\s+-rf?\s+\/var\/lib\/apt\/lists\/?\*?/.test(run)) problems.push(`${at(instruction)}: /var/lib/apt/lists not removed in the same RUN`);
      return problems;
    });

/** Reproducible dependencies: `npm ci` from the lockfile, never `npm install`. */
export const npmCiOnly: Rule = (file) =>
  allInstructions(file)
    .filter((instruction) => instruction.keyword === 'RUN' && /\bnpm\s+(install|i|add)\b/.test(instruction.args))
    .map((instruction) => `${at(instruction)}: npm install; use npm ci`);

const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY/i;

/** Secrets come from the runtime environment, never from ENV or ARG (both end up in the image's history). */
export const noSecretsInEnvOrArg: Rule = (file) =>
  allInstructions(file)
    .filter((instruction) => instruction.keyword === 'ENV' || instruction.keyword === 'ARG')
    .flatMap((instruction) => declaredNames(instruction).filter((name) => SECRET_NAME.test(name)).map((name) => `${at(instruction)}: ${instruction.keyword} ${name} looks like a secret`));

function declaredNames(instruction: Instruction): string[] {
  const args = instruction.args;
  // `ENV NAME value` (legacy form: one variable) or `ENV A=1 B=2` / `ARG NAME[=default]`.
  if (instruction.keyword === 'ENV' && !/^\w+=/.test(args)) return [args.split(/\s+/)[0] ?? ''];
  return [...args.matchAll(/(?:^|\s)(\w+)(?==|\s|$)/g)].map((match) => match[1] ?? '').filter((name) => !/^\d/.test(name));
}

/** ENTRYPOINT and CMD in exec form: no shell in between, so signals reach node. */
export const execFormCommands: Rule = (file) =>
  allInstructions(file)
    .filter((instruction) => instruction.keyword === 'ENTRYPOINT' || instruction.keyword === 'CMD')
    .filter((instruction) => execForm(instruction.args) === null)
    .map((instruction) => `${at(instruction)}: ${instruction.keyword} in shell form`);

/**
 * The runtime stage copies from an earlier stage, or from the context only the paths allowed here: everything else
 * (sources, tests, .env, local databases) has no business in the image.
 */
export function runtimeCopiesOnly(allowedContextPaths: readonly string[]): Rule {
  return (file) => {
    const stage = lastStage(file);
    if (!stage) return ['no stages'];
    return [...instructionsOf(stage, 'COPY'), ...instructionsOf(stage, 'ADD')].flatMap((instruction) => {
      if (instruction.keyword === 'ADD') return [`${at(instruction)}: ADD in the runtime stage`];
      const copy = parseCopy(instruction);
      if (copy.from !== null) {
        const origin = stageNamed(file, copy.from);
        return origin && origin.index < stage.index ? [] : [`${at(instruction)}: COPY --from=${copy.from} names no earlier stage`];
      }
      return copy.sources.filter((source) => !allowedContextPaths.includes(source)).map((source) => `${at(instruction)}: COPY ${source} from the build context is not in the allow-list`);
    });
  };
}

/** Production mode, and the SQLite default directory (WORKDIR/data) made and handed to the runtime uid before USER. */
export const productionRuntime: Rule = (file) => {
  const stage = lastStage(file);
  if (!stage) return ['no stages'];
  const problems: string[] = [];
  if (!instructionsOf(stage, 'ENV').some((instruction) => /(^|\s)NODE_ENV=production(\s|$)/.test(instruction.args))) problems.push('the runtime stage does not set NODE_ENV=production');
  const user = instructionsOf(stage, 'USER').at(-1);
  const uid = user ? /^(\d+)/.exec(user.args)?.[1] : undefined;
  const data = `${workdirOf(stage).replace(/\/$/, '')}/data`;
  const prepares = instructionsOf(stage, 'RUN').some(
    (run) => run.line < (user?.line ?? Infinity) && run.args.includes(`mkdir -p ${data}`) && new RegExp(`chown\\s+(-R\\s+)?${uid ?? 'NONE'}(:\\d+)?\\s+${data}(\\s|$)`).test(run.args),
  );
  if (!prepares) problems.push(`the runtime stage does not create ${data} owned by uid ${uid ?? '?'} before USER (the SQLite default would not be writable)`);
  return problems;
};

/** EXPOSE names the port the bot listens on by default (ENV PORT). */
export const exposesDefaultPort: Rule = (file) => {
  const stage = lastStage(file);
  if (!stage) return ['no stages'];
  const port = instructionsOf(stage, 'ENV').map((instruction) => /(?:^|\s)PORT=(\d+)/.exec(instruction.args)?.[1]).find(Boolean) ?? '3000';
  const exposed = instructionsOf(stage, 'EXPOSE').flatMap((instruction) => instruction.args.split(/\s+/).map((word) => word.replace(/\/tcp$/, '')));
  return exposed.includes(port) ? [] : [`the runtime stage does not EXPOSE ${port}`];
};

export const ALL_RULES = {
  pinnedBaseImages,
  nonRootNumericUser,
  healthcheckOnHealthz,
  noRemoteAdd,
  tidyAptGet,
  npmCiOnly,
  noSecretsInEnvOrArg,
  execFormCommands,
  productionRuntime,
  exposesDefaultPort,
} satisfies Record<string, Rule>;
