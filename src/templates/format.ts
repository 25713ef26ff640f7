/** Times and durations as people read them, in one configured time zone. */

export interface TimeFormat {
  /** `14:05 UTC` */
  time(date: Date): string;
  /** `Tue 25 Nov 14:05 CET` */
  dateTime(date: Date): string;
  /** `Tue 25 Nov` */
  day(date: Date): string;
}

export function createTimeFormat(timeZone: string): TimeFormat {
  // en-US knows EST/PST, en-GB knows CET/BST; either falls back to GMT+1 for zones without a common abbreviation.
  const zones = ['en-US', 'en-GB'].map((locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }));
  const zoneName = (date: Date): string => {
    const names = zones.map((f) => f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '');
    return names.find((n) => n && !/^GMT[+-]/.test(n)) ?? names[0] ?? timeZone;
  };
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const dayText = (date: Date): string => {
    const parts = day.formatToParts(date);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('weekday')} ${get('day')} ${get('month')}`;
  };
  return {
    time: (date) => `${clock.format(date)} ${zoneName(date)}`,
    day: dayText,
    dateTime: (date) => `${dayText(date)} ${clock.format(date)} ${zoneName(date)}`,
  };
}

/** 45s, 12m, 1h 12m, 2d 3h. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** `in 12m`, `12m ago`, or `now` within a minute. */
export function formatRelative(date: Date, base: Date): string {
  const diff = date.getTime() - base.getTime();
  if (Math.abs(diff) < 60_000) return 'now';
  return diff > 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
}
