/** `warroom playground [--port N] [--host H]`: starts the playground and keeps it running until Ctrl-C. */
import { startPlayground } from './playground/index.js';

const USAGE = 'Usage: warroom playground [--port 3000] [--host 127.0.0.1]';

export async function runPlayground(args: string[]): Promise<number> {
  const options: { port?: number; host?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--port' && value && /^\d+$/.test(value) && Number(value) < 65_536) options.port = Number(value);
    else if (flag === '--host' && value) options.host = value;
    else {
      console.error(`warroom playground: ${flag === '--port' ? `--port needs a number from 1 to 65535, got "${value ?? ''}"` : `unknown option ${flag ?? ''}`}\n${USAGE}`);
      return 64;
    }
  }
  console.error('Starting the Warroom playground (a 30-day Prometheus history takes a few seconds)…');
  const playground = await startPlayground(options).catch((err: unknown) => {
    const inUse = (err as { code?: string }).code === 'EADDRINUSE';
    throw new Error(inUse ? `port ${options.port ?? 3000} is in use: pick another with --port` : err instanceof Error ? err.message : String(err));
  });
  console.error(
    [
      '',
      `  Warroom playground: ${playground.url}`,
      '',
      '  Open it in a browser, pick a demo user, and type /incident declare Checkout errors --sev SEV2 --service checkout',
      '  in #general — or run the scenario from the Scenario menu.',
      playground.prometheus.available ? '  Prometheus: 30 days of checkout history, continued live.' : `  Prometheus: not available (${playground.prometheus.reason}); /deploy-check answers UNKNOWN.`,
      '  Stop with Ctrl-C. Nothing is kept: every start is a fresh workspace.',
      '',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void playground.stop().finally(() => process.exit(0));
    });
  }
  return -1;
}
