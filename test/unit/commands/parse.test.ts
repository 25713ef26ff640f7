import { describe, expect, it } from 'vitest';
import { decodeSlackText, IN_CHANNEL_SUBCOMMANDS, type IncidentCommand, parseIncidentCommand } from '../../../src/commands/parse.js';

function ok(text: string): IncidentCommand {
  const result = parseIncidentCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.value;
}

function error(text: string): string {
  const result = parseIncidentCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function declared(text: string) {
  const command = ok(text);
  if (command.name !== 'declare') throw new Error(`expected declare, got ${command.name}`);
  return command.input;
}

const DECLARE_USAGE = 'Usage: `/incident declare <title> [--sev SEV2]';
const DECLARE_EXAMPLE = 'Example: `/incident declare Checkout returns 500s';

describe('parseIncidentCommand', () => {
  it('opens the modal for empty text', () => {
    expect(ok('')).toEqual({ name: 'open-modal' });
    expect(ok('   \n ')).toEqual({ name: 'open-modal' });
  });

  describe('declare', () => {
    it('takes the remaining words as the title, with flags anywhere', () => {
      expect(ok('declare --sev SEV1 Checkout   returns --service checkout 500s --private')).toEqual({
        name: 'declare',
        input: { title: 'Checkout returns 500s', severity: 'SEV1', service: 'checkout', isPrivate: true },
      });
    });

    it('reads every flag, in both --flag value and --flag=value forms', () => {
      expect(ok('declare DB down --sev=SEV2 --service=db --started=13:52 --impact="writes fail for 20% of users"')).toEqual({
        name: 'declare',
        input: { title: 'DB down', severity: 'SEV2', service: 'db', started: '13:52', impact: 'writes fail for 20% of users' },
      });
      expect(ok('declare DB down --started 2026-11-25T13:52:00Z --impact "writes fail"')).toEqual({
        name: 'declare',
        input: { title: 'DB down', started: '2026-11-25T13:52:00Z', impact: 'writes fail' },
      });
    });

    it('leaves out flags that were not given', () => {
      expect(ok('declare Login is slow')).toEqual({ name: 'declare', input: { title: 'Login is slow' } });
    });

    it('accepts straight and smart quotes for the title and values', () => {
      expect(ok('declare “Payments are down” --impact “Users can’t pay”')).toEqual({
        name: 'declare',
        input: { title: 'Payments are down', impact: 'Users can’t pay' },
      });
      expect(declared('declare "--sev is not a flag when quoted" --sev SEV4')).toEqual({ title: '--sev is not a flag when quoted', severity: 'SEV4' });
    });

    it('keeps quotes that do not open a quoted word', () => {
      expect(declared('declare Rack 5" disk full')).toEqual({ title: 'Rack 5" disk full' });
    });

    it('treats dashes that Slack or macOS made of -- as flags, but only for known flags', () => {
      expect(declared('declare API errors —sev SEV2 –service api')).toEqual({ title: 'API errors', severity: 'SEV2', service: 'api' });
      expect(declared('declare API down — writes —failing')).toEqual({ title: 'API down — writes —failing' });
    });

    it('keeps user text as typed, undoing Slack’s escaping', () => {
      expect(declared('declare Checkout &lt;!channel&gt; &amp; <!here> *bold* <@U0AB12|alice> <https://status.example.com|status>').title).toBe(
        'Checkout <!channel> & @here *bold* <@U0AB12> https://status.example.com',
      );
    });

    it('keeps a very long title whole', () => {
      const title = 'x'.repeat(500);
      expect(declared(`declare ${title}`).title).toBe(title);
    });

    it('is case-insensitive for the subcommand and flag names, not for values', () => {
      expect(declared('DECLARE Disk Full --SEV sev2 --Private')).toEqual({ title: 'Disk Full', severity: 'sev2', isPrivate: true });
    });

    it('refuses an empty title with the usage and an example', () => {
      for (const text of ['declare', 'declare   ', 'declare --sev SEV1', 'declare "" --private']) {
        const message = error(text);
        expect(message).toMatch(/^The incident needs a title/);
        expect(message).toContain(DECLARE_USAGE);
        expect(message).toContain(DECLARE_EXAMPLE);
      }
    });

    it('refuses a flag without its value', () => {
      expect(error('declare DB down --sev')).toMatch(/^--sev needs a value, e\.g\. `--sev SEV2`\.\nUsage:/);
      expect(error('declare DB down --service --private')).toMatch(/^--service needs a value/);
      expect(error('declare DB down --impact=')).toMatch(/^--impact needs a value/);
    });

    it('refuses unknown flags, suggesting the closest', () => {
      expect(error('declare DB down --servce db')).toMatch(/^Unknown option --servce \(did you mean --service\?\)\. Options: --sev, --service, --started, --impact, --private\.\nUsage:/);
      expect(error('declare DB down --colour red')).toMatch(/^Unknown option --colour\. Options:/);
    });

    it('refuses repeated flags, a value on --private, and unclosed quotes', () => {
      expect(error('declare DB --sev SEV1 --sev SEV2')).toMatch(/^--sev is given twice/);
      expect(error('declare DB --sev SEV1 --severity SEV2')).toMatch(/^--severity is given twice/);
      expect(error('declare DB --private=yes')).toMatch(/^--private takes no value/);
      expect(error('declare "DB is down --sev SEV1')).toMatch(/^A quote \("\) is never closed/);
    });
  });

  describe('in-channel subcommands', () => {
    it('sev takes one severity as typed', () => {
      expect(ok('sev SEV1')).toEqual({ name: 'sev', severity: 'SEV1' });
      expect(ok('Severity sev2')).toEqual({ name: 'sev', severity: 'sev2' });
      expect(ok('sev SEV 1')).toEqual({ name: 'sev', severity: 'SEV 1' });
      expect(error('sev')).toMatch(/^Which severity\?\nUsage: `\/incident sev <severity>`\nExample: `\/incident sev SEV1`$/);
      expect(error('sev SEV1 because checkout is down')).toMatch(/^Expected one severity/);
    });

    it('role needs a role word and a real mention, in either order', () => {
      expect(ok('role ic <@U0AB12|alice>')).toEqual({ name: 'role', role: 'ic', userId: 'U0AB12' });
      expect(ok('role <@W0AB12> Scribe')).toEqual({ name: 'role', role: 'Scribe', userId: 'W0AB12' });
      expect(ok('ROLE comms  <@U0AB12>')).toEqual({ name: 'role', role: 'comms', userId: 'U0AB12' });
    });

    it('role explains how to mention someone when given plain text', () => {
      expect(error('role ic @alice')).toMatch(/^"@alice" is plain text, not a Slack mention: type @ and pick the person from Slack’s autocomplete/);
      expect(error('role ic alice')).toMatch(/^Who should get the role\? Mention them with @/);
      expect(error('role')).toMatch(/^Which role, and for whom\?\nUsage: `\/incident role <role> @person`/);
      expect(error('role <@U0AB12>')).toMatch(/^Which role\?/);
      expect(error('role ic <@U0AB12> <@U0CD34>')).toMatch(/^One person at a time/);
      expect(error('role ic lead <@U0AB12>')).toMatch(/^Expected one role and one person, got "ic lead"/);
    });

    it('update and note keep the text as typed, newlines included', () => {
      expect(ok('update Rolled back v2.31 &amp; error rate falling.\nNext update 14:30 <@U0AB12|bob>')).toEqual({
        name: 'update',
        text: 'Rolled back v2.31 & error rate falling.\nNext update 14:30 <@U0AB12>',
      });
      expect(ok('note  Disk on db-2 was 98% full --sev is not parsed here')).toEqual({ name: 'note', text: 'Disk on db-2 was 98% full --sev is not parsed here' });
      expect(error('update')).toMatch(/^The update needs text.*\nUsage: `\/incident update/);
      expect(error('note   ')).toMatch(/^The note needs text\.\nUsage: `\/incident note <text>`/);
    });

    it('mitigated and resolve take an optional note', () => {
      expect(ok('mitigated')).toEqual({ name: 'mitigated', note: null });
      expect(ok('mitigated Traffic moved to eu-west-2')).toEqual({ name: 'mitigated', note: 'Traffic moved to eu-west-2' });
      expect(ok('resolve   ')).toEqual({ name: 'resolve', note: null });
      expect(ok('resolve Bad config reverted')).toEqual({ name: 'resolve', note: 'Bad config reverted' });
    });

    it('timeline takes an optional positive page number', () => {
      expect(ok('timeline')).toEqual({ name: 'timeline', page: 1 });
      expect(ok('timeline 3')).toEqual({ name: 'timeline', page: 3 });
      for (const bad of ['0', '-1', '1.5', 'two', '99999999999999999999']) {
        expect(error(`timeline ${bad}`)).toMatch(/^The page must be a whole number from 1 up.*\nUsage: `\/incident timeline \[page\]`/);
      }
    });

    it('status, list and help take no arguments', () => {
      expect(ok('status')).toEqual({ name: 'status' });
      expect(ok('list')).toEqual({ name: 'list' });
      expect(ok('help')).toEqual({ name: 'help' });
    });
  });

  it('knows the aliases', () => {
    expect(ok('mitigate fixed')).toEqual({ name: 'mitigated', note: 'fixed' });
    expect(ok('resolved')).toEqual({ name: 'resolve', note: null });
    expect(ok('severity SEV2')).toEqual({ name: 'sev', severity: 'SEV2' });
    expect(ok('ls')).toEqual({ name: 'list' });
    expect(ok('?')).toEqual({ name: 'help' });
    expect(ok('LS')).toEqual({ name: 'list' });
  });

  it('suggests the closest subcommand for a typo and lists them all', () => {
    const message = error('resolv all good');
    expect(message).toMatch(/^Unknown subcommand "resolv"\. Did you mean `\/incident resolve`\?/);
    expect(message).toContain('Subcommands: declare, update, sev, role, note, status, mitigated, resolve, timeline, list, page, oncall, cordon, uncordon, drain, rollback, restart, scale, nodes, pods, history, context, postmortem, actions, stats, help.');
    expect(error('upadte rolled back')).toMatch(/Did you mean `\/incident update`\?/);
    expect(error('timelin')).toMatch(/Did you mean `\/incident timeline`\?/);
  });

  it('offers declare when the text looks like a title', () => {
    expect(error('checkout is down')).toMatch(/^Unknown subcommand "checkout"\. To declare an incident: `\/incident declare checkout is down`\./);
  });

  it('names the subcommands that only work in an incident channel', () => {
    expect([...IN_CHANNEL_SUBCOMMANDS].sort()).toEqual(['context', 'cordon', 'drain', 'history', 'mitigated', 'nodes', 'note', 'pods', 'postmortem', 'resolve', 'restart', 'role', 'rollback', 'scale', 'sev', 'status', 'timeline', 'uncordon', 'update']);
  });
});

describe('decodeSlackText', () => {
  it('undoes Slack escaping', () => {
    expect(decodeSlackText('a &lt;b&gt; &amp;lt; <#C0AB12|incidents> <!subteam^S0AB|@oncall> <mailto:a@b.c|a@b.c> <!date^1392734382^{date}|Feb 18>')).toBe(
      'a <b> &lt; <#C0AB12> @oncall a@b.c Feb 18',
    );
  });
});

describe('parseIncidentCommand: paging', () => {
  const ok = (text: string) => {
    const parsed = parseIncidentCommand(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };
  it('pages a mentioned person, a service or an escalation policy, with an optional message', () => {
    expect(ok('page <@U0ALICE01|alice> DB failover needs a DBA')).toEqual({ name: 'page', target: { userId: 'U0ALICE01' }, message: 'DB failover needs a DBA' });
    expect(ok('page checkout')).toEqual({ name: 'page', target: { word: 'checkout' }, message: null });
    expect(ok('page "Payments Escalation" card auth failing')).toEqual({ name: 'page', target: { word: 'Payments Escalation' }, message: 'card auth failing' });
  });
  it('refuses a plain-text @name and an empty target', () => {
    const plain = parseIncidentCommand('page @alice');
    expect(plain.ok ? '' : plain.error).toMatch(/not a Slack mention/);
    const empty = parseIncidentCommand('page');
    expect(empty.ok ? '' : empty.error).toMatch(/Whom/);
  });
  it('asks who is on call, for a service or the default', () => {
    expect(ok('oncall')).toEqual({ name: 'oncall', service: null });
    expect(ok('who checkout')).toEqual({ name: 'oncall', service: 'checkout' });
  });
});
