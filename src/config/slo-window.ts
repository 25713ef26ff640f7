/**
 * SLO windows and query templates, shared by warroom.yml and the imported Sloth / OpenSLO files so that a window
 * or a query means the same whichever file it came from.
 */

const MINUTES = { h: 60, d: 24 * 60, w: 7 * 24 * 60 } as const;
export const MIN_WINDOW_MINUTES = MINUTES.d;
export const MAX_WINDOW_MINUTES = 90 * MINUTES.d;
export const DEFAULT_WINDOW = '30d';

export type WindowResult = { ok: true; minutes: number; label: string } | { ok: false; message: string };

/** The hint for minutes written where days were meant: "1m" is almost always a month, "30m" thirty days. */
function minutesHint(count: number, openSlo: boolean): string {
  if (openSlo && count === 1) return 'did you mean 1M for a month? use 30d';
  return `did you mean ${count >= 2 && count <= 90 ? count : 30}d?`;
}

/**
 * An SLO window as a Prometheus duration with one unit, h, d or w, from 1d to 90d ("30d", "4w", "720h").
 * `openSlo` words the hints for OpenSLO's duration shorthand, where M, Q and Y are months, quarters and years.
 */
export function parseWindow(raw: unknown, openSlo = false): WindowResult {
  if (typeof raw !== 'string') return { ok: false, message: `expected a duration like 30d or 4w, got ${raw === null ? 'null' : typeof raw}` };
  const label = raw.trim();
  const match = /^(\d+)([a-zA-Z]+)$/.exec(label);
  if (!match) return { ok: false, message: `"${label}" is not a duration: write a number and one unit, like 30d, 4w or 720h` };
  const count = Number(match[1]);
  const unit = match[2] ?? '';
  if (unit === 'm') return { ok: false, message: `"${label}" is ${count === 1 ? 'one minute' : `${count} minutes`}; an SLO window is days (${minutesHint(count, openSlo)})` };
  if (unit === 'M' || unit === 'Q' || unit === 'Y' || unit === 'y') {
    const what = unit === 'M' ? 'months' : unit === 'Q' ? 'quarters' : 'years';
    return { ok: false, message: `"${label}": ${what} have no fixed length and Warroom evaluates a rolling window of fixed length; write days, e.g. ${unit === 'M' ? `${count * 30}d` : '90d'}` };
  }
  if (!(unit in MINUTES)) return { ok: false, message: `"${label}": unit ${unit} is not allowed in an SLO window; use h, d or w (e.g. 30d, 4w)` };
  const minutes = count * MINUTES[unit as keyof typeof MINUTES];
  if (minutes < MIN_WINDOW_MINUTES || minutes > MAX_WINDOW_MINUTES) {
    return { ok: false, message: `"${label}" is outside the supported range of 1d to 90d (30d and 28d are usual)` };
  }
  return { ok: true, minutes, label };
}

/** Sloth's `{{.window}}` placeholder, with any spacing inside the braces (Go template syntax allows it). */
export const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/;

export const QUERY_EXAMPLE = 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))';

/** Why a query cannot be used, or null when it has the placeholder Warroom replaces with each window. */
export function queryProblem(query: string): string | null {
  if (query.trim() === '') return 'is empty: expected a PromQL query';
  if (WINDOW_PLACEHOLDER.test(query)) return null;
  return `has no {{.window}} placeholder: Warroom runs each query over the SLO window and over the burn-rate windows (5m to 3d), so the range must be {{.window}}, e.g. ${QUERY_EXAMPLE}`;
}
