/**
 * A small Dockerfile reader for the packaging tests: instructions (line continuations joined, comments dropped),
 * stages (FROM … AS name) and the parts of COPY/FROM/ENTRYPOINT the rules look at. It covers what our Dockerfile
 * uses, not every BuildKit feature (heredocs and a changed `# escape=` are rejected rather than misread).
 */
import { readFileSync } from 'node:fs';

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
}

export interface Stage {
  /** The FROM image with global ARG defaults substituted. */
  image: string;
  name: string | null;
  index: number;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string>;
  /** Instructions before the first FROM (ARGs only, in a valid file). */
  preamble: Instruction[];
  stages: Stage[];
}

export interface Copy {
  /** `--from=` value, or null for the build context. */
  from: string | null;
  chown: string | null;
  sources: string[];
  destination: string;
}

export function readDockerfile(path: string): Dockerfile {
  return parseDockerfile(readFileSync(path, 'utf8'));
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions = splitInstructions(text);
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const { image, name } = parseFrom(instruction.args, globalArgs);
      stages.push({ image, name, index: stages.length, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage) {
      stage.instructions.push(instruction);
      continue;
    }
    preamble.push(instruction);
    if (instruction.keyword === 'ARG') {
      const [name, value = ''] = instruction.args.split('=', 2);
      globalArgs.set((name ?? '').trim(), unquote(value.trim()));
    }
  }
  return { globalArgs, preamble, stages };
}

function splitInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  if (lines.some((line) => /^#\s*escape\s*=/i.test(line))) throw new Error('a changed escape character is not supported');
  const instructions: Instruction[] = [];
  let current: { parts: string[]; line: number } | null = null;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment lines are dropped even inside a continuation, as Docker does.
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const continues = trimmed.endsWith('\\');
    const body = continues ? trimmed.slice(0, -1).trim() : trimmed;
    if (current) current.parts.push(body);
    else current = { parts: [body], line: index + 1 };
    if (continues) return;
    instructions.push(toInstruction(current.parts.join(' '), current.line));
    current = null;
  });
  if (current) throw new Error(`line ${(current as { line: number }).line}: the file ends inside a line continuation`);
  return instructions;
}

function toInstruction(text: string, line: number): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(text);
  if (!match) throw new Error(`line ${line}: cannot read "${text}"`);
  const keyword = (match[1] ?? '').toUpperCase();
  const args = (match[2] ?? '').trim();
  if (/<<-?\s*["']?[A-Z]+/.test(args) && (keyword === 'RUN' || keyword === 'COPY')) throw new Error(`line ${line}: heredocs are not supported`);
  return { keyword, args, line };
}

function parseFrom(args: string, globalArgs: Map<string, string>): { image: string; name: string | null } {
  const words = args.split(/\s+/).filter((word) => !word.startsWith('--'));
  const image = substitute(words[0] ?? '', globalArgs);
  const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
  return { image, name: asIndex >= 0 ? (words[asIndex + 1] ?? null) : null };
}

/** `${NAME}` / `$NAME` from the global ARG defaults; an unknown one stays as written so a rule can notice it. */
export function substitute(text: string, values: Map<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => values.get(braced ?? bare ?? '') ?? whole);
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** JSON (exec) form `["a", "b"]`, or null for shell form. */
export function execForm(args: string): string[] | null {
  if (!args.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Leading `--name=value` flags and the remaining words (shell-form instructions such as COPY, HEALTHCHECK). */
export function splitFlags(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args;
  for (;;) {
    const match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!match) return { flags, rest };
    flags.set(match[1] ?? '', match[2] ?? '');
    rest = rest.slice(match[0].length);
  }
}

export function parseCopy(instruction: Instruction): Copy {
  const { flags, rest } = splitFlags(instruction.args);
  const words = execForm(rest) ?? rest.split(/\s+/).filter(Boolean);
  if (words.length < 2) throw new Error(`line ${instruction.line}: ${instruction.keyword} needs a source and a destination`);
  return { from: flags.get('from') ?? null, chown: flags.get('chown') ?? null, sources: words.slice(0, -1), destination: words.at(-1) ?? '' };
}

/** The stage a `--from=` names: by name, or by index. */
export function stageNamed(file: Dockerfile, reference: string): Stage | undefined {
  return file.stages.find((stage) => stage.name === reference) ?? (/^\d+$/.test(reference) ? file.stages[Number(reference)] : undefined);
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The stage's WORKDIR after its last WORKDIR instruction (absolute paths only, as ours are). */
export function workdirOf(stage: Stage): string {
  return instructionsOf(stage, 'WORKDIR').at(-1)?.args ?? '/';
}
