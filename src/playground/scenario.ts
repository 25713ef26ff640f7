/**
 * Scripted incidents for the playground's Scenario menu: the demo people type, click and submit through the
 * simulator exactly as someone would on the page, and the real bot answers. Nothing here decides what the bot does.
 */
import { MITIGATION_CONFIRM_ACTION_ID } from '../templates/mitigation/action-ids.js';
import { POSTMORTEM_PUBLISH_ACTION_ID } from '../templates/postmortem/action-ids.js';
import { actionItemSlotIds, POSTMORTEM_MODAL_IDS } from '../templates/postmortem/modal.js';
import { DEPLOYMENT, NAMESPACE, person, SERVICE, type DemoName, type SeededChannels } from './seed.js';
import type { SimResult, SlackSimulator } from './slack/simulator.js';
import { defaultFormValues } from './web/render/index.js';
import type { ScenarioMenu } from './web/routes.js';

export interface ScenarioWorld {
  sim: SlackSimulator;
  channels: SeededChannels;
  /** The bad release is live and failing (on a replay, it is deployed again: the first run rolled it back). */
  startOutage(): Promise<void>;
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
  constructor(
    private readonly world: ScenarioWorld,
    /** 1 for the first run of this scenario, 2 for its first replay… */
    readonly run: number,
  ) {}

  get sim(): SlackSimulator {
    return this.world.sim;
  }

  get general(): string {
    return this.world.channels.general;
  }

  /**
   * Types in the composer; after a slash command, waits for the bot's answer as a person would before typing on: a
   * reply only they see, a modal, or a message in the channel.
   */
  async type(who: DemoName, text: string, channel = this.room): Promise<void> {
    const user = person(who).id;
    const ws = this.sim.ws;
    const answers = () =>
      ws.ephemerals.filter((e) => e.user === user && e.channel === channel).length +
      this.sim.modalsFor(user).length +
      (ws.channel(channel)?.messages ?? []).filter((m) => m.user === ws.bot.id).length;
    const before = answers();
    check(await this.sim.send({ user, channel, text }), text);
    if (text.startsWith('/')) await this.waitFor(`the answer to ${text.split(' ').slice(0, 2).join(' ')}`, () => (answers() > before ? true : undefined));
  }

  /** Declares in `channel`, then waits for the war room the bot opens (a channel that did not exist before). */
  async declare(who: DemoName, text: string, channel: string): Promise<void> {
    const before = new Set(this.sim.ws.channels.keys());
    await this.type(who, text, channel);
    this.room = await this.waitFor('the war room channel', () => [...this.sim.ws.channels.values()].find((c) => !before.has(c.id) && this.sim.isAppCreated(c.id))?.id);
  }

  /** Clicks the newest button with this action id in the war room (message or the person's ephemeral). */
  async click(who: DemoName, actionId: string): Promise<void> {
    const user = person(who).id;
    const found = await this.waitFor(`a ${actionId} button`, () => this.newestButton(user, actionId));
    check(await this.sim.click({ user, channel: this.room, ts: found.ts, blockId: found.blockId, actionId }), actionId);
  }

  /** Submits the modal that is open for the person: what the bot prefilled, with `typed` filled in on top. */
  async submitModal(who: DemoName, typed: { block: string; action: string; value: string }[] = []): Promise<void> {
    const user = person(who).id;
    const view = await this.waitFor('the modal', () => this.sim.modalsFor(user).at(-1));
    const values = defaultFormValues(view.view);
    for (const field of typed) values[field.block] = { [field.action]: field.value };
    const result = await this.sim.submitView({ user, viewId: view.id, values });
    if (!result.ok) throw new Error(`the modal was refused: ${'errors' in result ? JSON.stringify(result.errors) : result.error}`);
  }

  recover(): void {
    this.world.recover();
  }

  startOutage(): Promise<void> {
    return this.world.startOutage();
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
    { say: 'checkout 1.42.0 is live, and its error ratio is up', run: (p) => p.startOutage() },
    {
      say: 'Alice declares a SEV2 from #general',
      run: async (p) => {
        // The errors began an hour ago (the demo's metrics say so): the declaration says when, as a commander would.
        const started = new Date(Date.now() - 60 * 60_000).toISOString().slice(11, 16);
        // A replay gets its own title: the same declaration again within minutes would point to the first war room.
        const title = `Checkout 5xx after the 1.42.0 release${p.run > 1 ? ` (replay ${p.run})` : ''}`;
        await p.declare('alice', `/incident declare ${title} --sev SEV2 --service ${SERVICE} --started ${started}`, p.general);
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
        const item = actionItemSlotIds(0);
        await p.submitModal('alice', [
          { ...POSTMORTEM_MODAL_IDS.impactWho, value: 'About 5% of checkout requests failed for 70 minutes; some payments had to be retried.' },
          { ...POSTMORTEM_MODAL_IDS.rootCauseNarrative, value: 'Release 1.42.0 shipped a payment gateway timeout of 2 s, below the gateway p99; the canary stage did not check error rates.' },
          { ...item.description, value: 'Add an error-rate gate to the checkout canary stage' },
          { ...item.owner, value: person('bob').id },
          { ...item.validation, value: 'A release with 2% 5xx in canary is stopped automatically in the staging game day' },
        ]);
      },
    },
    { say: 'Alice publishes it to GitHub', run: (p) => p.click('alice', POSTMORTEM_PUBLISH_ACTION_ID) },
  ],
};

export function scenarioMenu(world: ScenarioWorld, scenarios: Scenario[] = [BAD_RELEASE]): ScenarioMenu & { finished(id: string): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  const runs = new Map<string, number>();
  const play = async (scenario: Scenario, userId: string): Promise<void> => {
    runs.set(scenario.id, (runs.get(scenario.id) ?? 0) + 1);
    const p = new Play(world, runs.get(scenario.id) ?? 1);
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
