/**
 * Scripted incidents for the playground's Scenario menu: the demo people type, click and submit through the
 * simulator exactly as someone would on the page, and the real bot answers. Nothing here decides what the bot does.
 */
import { MITIGATION_CONFIRM_ACTION_ID } from '../templates/mitigation/action-ids.js';
import { POSTMORTEM_PUBLISH_ACTION_ID } from '../templates/postmortem/action-ids.js';
import { DEPLOYMENT, NAMESPACE, person, SERVICE, type DemoName, type SeededChannels } from './seed.js';
import type { SimResult, SlackSimulator } from './slack/simulator.js';
import { defaultFormValues } from './web/render/index.js';
import type { ScenarioMenu } from './web/routes.js';

export interface ScenarioWorld {
  sim: SlackSimulator;
  channels: SeededChannels;
  /** The rollback worked: the demo's error ratio goes back to normal. */
  recover(): void;
  /** Milliseconds between steps (the page's pace; tests use a few). */
  pauseMs: number;
}

interface Step {
  say: string;
  run(play: Play): Promise<void>;
}

interface Scenario {
  id: string;
  title: string;
  steps: Step[];
}

/** What a step can do, as a person in the workspace. */
class Play {
  room = '';
  constructor(private readonly world: ScenarioWorld) {}

  get sim(): SlackSimulator {
    return this.world.sim;
  }

  async type(who: DemoName, text: string, channel = this.room): Promise<void> {
    check(await this.sim.send({ user: person(who).id, channel, text }), text);
  }

  /** Waits for the war room the bot opens (the newest channel the app created) and remembers it. */
  async findWarRoom(): Promise<void> {
    const known = new Set(Object.values(this.world.channels));
    this.room = await this.waitFor('the war room channel', () => [...this.sim.ws.channels.values()].filter((c) => !c.isIm && !known.has(c.id) && this.sim.isAppCreated(c.id)).at(-1)?.id);
  }

  /** Clicks the newest button with this action id in the war room (message or the person's ephemeral). */
  async click(who: DemoName, actionId: string): Promise<void> {
    const user = person(who).id;
    const found = await this.waitFor(`a ${actionId} button`, () => this.newestButton(user, actionId));
    check(await this.sim.click({ user, channel: this.room, ts: found.ts, blockId: found.blockId, actionId }), actionId);
  }

  /** Submits the modal that is open for the person, accepting what the bot prefilled. */
  async submitModal(who: DemoName): Promise<void> {
    const user = person(who).id;
    const view = await this.waitFor('the modal', () => this.sim.modalsFor(user).at(-1));
    const result = await this.sim.submitView({ user, viewId: view.id, values: defaultFormValues(view.view) });
    if (!result.ok) throw new Error(`the modal was refused: ${'errors' in result ? JSON.stringify(result.errors) : result.error}`);
  }

  recover(): void {
    this.world.recover();
  }

  private newestButton(user: string, actionId: string): { ts: string; blockId: string } | undefined {
    const channel = this.sim.ws.channel(this.room);
    const candidates = [...(channel?.messages ?? []), ...this.sim.ws.ephemerals.filter((e) => e.channel === this.room && e.user === user)];
    for (const message of candidates.sort((a, b) => (a.ts < b.ts ? 1 : -1))) {
      const blocks = (message.blocks ?? []) as { type?: string; block_id?: string; elements?: { action_id?: string }[] }[];
      const index = blocks.findIndex((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === actionId));
      const block = blocks[index];
      if (block) return { ts: message.ts, blockId: block.block_id ?? `auto-${index}` };
    }
    return undefined;
  }

  private async waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
    for (let waited = 0; waited < 20_000; waited += 100) {
      const value = probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`waited 20 s for ${what}`);
  }
}

const check = (result: SimResult, what: string): void => {
  if (!result.ok) throw new Error(`${what}: ${result.error}`);
};

/** A bad release of checkout, from the first alert to the published postmortem, in about two minutes. */
export const BAD_RELEASE: Scenario = {
  id: 'bad-release',
  title: 'Bad release of checkout: declare, roll back, resolve, postmortem',
  steps: [
    {
      say: 'Alice declares a SEV2 from #general',
      run: async (p) => {
        await p.type('alice', `/incident declare Checkout 5xx after the 1.42.0 release --sev SEV2 --service ${SERVICE}`, p.sim.ws.channelByName('general')?.id ?? '');
        await p.findWarRoom();
      },
    },
    { say: 'Bob reports what he sees', run: (p) => p.type('bob', 'Error rate on checkout jumped to ~5% an hour ago, right after the 1.42.0 rollout. Payments are failing for some users.') },
    {
      say: 'Carol marks a key event with a reaction',
      run: async (p) => {
        await p.type('carol', 'Confirmed: errors started at the rollout. Proposing a rollback of checkout-api to revision 12.');
        const last = p.sim.ws.channel(p.room)?.messages.at(-1);
        if (last) check(await p.sim.react({ user: person('carol').id, channel: p.room, ts: last.ts, name: 'pushpin' }), 'reaction');
      },
    },
    { say: 'Alice asks for the rollback (preview first)', run: (p) => p.type('alice', `/incident rollback ${DEPLOYMENT} -n ${NAMESPACE}`) },
    {
      say: 'Carol confirms the rollback',
      run: async (p) => {
        await p.click('carol', MITIGATION_CONFIRM_ACTION_ID);
        p.recover();
      },
    },
    { say: 'Alice posts a status update', run: (p) => p.type('alice', '/incident update Rolled back to 1.41.0; error rate back to normal. Watching for 10 minutes.') },
    { say: 'Alice marks it mitigated', run: (p) => p.type('alice', '/incident mitigated') },
    { say: 'Alice resolves the incident', run: (p) => p.type('alice', '/incident resolve') },
    {
      say: 'Alice writes the postmortem (prefilled from the record)',
      run: async (p) => {
        await p.type('alice', '/incident postmortem');
        await p.submitModal('alice');
      },
    },
    { say: 'Alice publishes it to GitHub', run: (p) => p.click('alice', POSTMORTEM_PUBLISH_ACTION_ID) },
  ],
};

export function scenarioMenu(world: ScenarioWorld, scenarios: Scenario[] = [BAD_RELEASE]): ScenarioMenu & { finished(id: string): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  const play = async (scenario: Scenario, userId: string): Promise<void> => {
    const p = new Play(world);
    for (const [i, step] of scenario.steps.entries()) {
      world.sim.toast(`Scenario ${i + 1}/${scenario.steps.length}: ${step.say}`);
      await step.run(p);
      await new Promise((resolve) => setTimeout(resolve, world.pauseMs));
    }
    world.sim.toast('Scenario finished: open the GitHub tab to see the postmortem issue.', 'info', userId);
  };
  return {
    list: () => scenarios.map((s) => ({ id: s.id, title: s.title, running: running.has(s.id) })),
    start(id, userId) {
      const scenario = scenarios.find((s) => s.id === id);
      if (!scenario) return { ok: false, error: `no scenario ${id}` };
      if (running.has(id)) return { ok: false, error: 'that scenario is already running' };
      const run = play(scenario, userId)
        .catch((err: unknown) => world.sim.toast(`Scenario stopped: ${err instanceof Error ? err.message : String(err)}`, 'error'))
        .finally(() => running.delete(id));
      running.set(id, run);
      return { ok: true };
    },
    finished: (id) => running.get(id) ?? Promise.resolve(),
  };
}
