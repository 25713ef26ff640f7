import { escapeHtml } from './escape.js';

/** What the page shows for a type it cannot draw; the coverage test looks for this class. */
export const unsupported = (type: string, what: 'block' | 'element' = 'block'): string =>
  `<div class="bk-unsupported" data-unsupported="${escapeHtml(type)}">unsupported ${what}: ${escapeHtml(type)}</div>`;
