/** Slack's `<!date^…>` and rich-text `date` tokens, formatted in UTC (the page has no per-user time zone). */

const at = (seconds: number, options: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...options }).format(new Date(seconds * 1000));

function ago(seconds: number, now: number): string {
  const diff = Math.round(now / 1000 - seconds);
  const abs = Math.abs(diff);
  const [amount, unit] = abs < 60 ? [abs, 'second'] : abs < 3600 ? [Math.floor(abs / 60), 'minute'] : abs < 86400 ? [Math.floor(abs / 3600), 'hour'] : [Math.floor(abs / 86400), 'day'];
  const label = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  return diff >= 0 ? `${label} ago` : `in ${label}`;
}

const TOKENS: Record<string, (s: number, now: number) => string> = {
  date_num: (s) => new Date(s * 1000).toISOString().slice(0, 10),
  date: (s) => at(s, { dateStyle: 'long' }),
  date_pretty: (s) => at(s, { dateStyle: 'long' }),
  date_short: (s) => at(s, { dateStyle: 'medium' }),
  date_short_pretty: (s) => at(s, { dateStyle: 'medium' }),
  date_long: (s) => at(s, { dateStyle: 'full' }),
  date_long_pretty: (s) => at(s, { dateStyle: 'full' }),
  time: (s) => at(s, { hour: 'numeric', minute: '2-digit' }),
  time_secs: (s) => at(s, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  ago,
};

/** The format string with each known `{token}` filled in; null when the timestamp is unusable (show the fallback). */
export function formatSlackDate(timestamp: number, format: string, now: number = Date.now()): string | null {
  if (!Number.isFinite(timestamp)) return null;
  return format.replace(/\{([a-z_]+)\}/g, (whole, token: string) => TOKENS[token]?.(timestamp, now) ?? whole);
}
