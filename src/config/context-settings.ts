/** warroom.yml's context and services[].context → ContextSettings. */
import type { ContextSettings } from '../core/context/model.js';
import { CONTEXT_DEFAULTS } from './context-schema.js';
import type { FileConfig } from './file-schema.js';

type ServiceContext = ContextSettings['services'][number];

const none = (name: string): ServiceContext => ({ name, errorQuery: null, totalQuery: null, latencyQuery: null, configChanges: null });

/** The built-in defaults; `serviceNames` still get an entry each (everything null: errors from the first SLO). */
export function defaultContextSettings(serviceNames: readonly string[] = []): ContextSettings {
  return {
    lookbackMinutes: CONTEXT_DEFAULTS.lookback_hours * 60,
    suspectWindowMinutes: CONTEXT_DEFAULTS.suspect_window_minutes,
    riseMultiple: CONTEXT_DEFAULTS.rise_multiple,
    sourceTimeoutMs: CONTEXT_DEFAULTS.source_timeout_ms,
    services: serviceNames.map(none),
  };
}

/** Every configured service gets an entry, with nulls where it configures nothing. */
export function contextSettingsFrom(config: FileConfig): ContextSettings {
  return {
    lookbackMinutes: config.context.lookback_hours * 60,
    suspectWindowMinutes: config.context.suspect_window_minutes,
    riseMultiple: config.context.rise_multiple,
    sourceTimeoutMs: config.context.source_timeout_ms,
    services: config.services.map((s) => {
      const c = s.context;
      if (!c) return none(s.name);
      const changes = c.config_changes;
      // Both sources null is the same as no config_changes at all.
      const configChanges = changes && (changes.prometheus_query !== null || changes.github_path !== null) ? { prometheusQuery: changes.prometheus_query, githubPath: changes.github_path } : null;
      return { name: s.name, errorQuery: c.error_query, totalQuery: c.total_query, latencyQuery: c.latency_query, configChanges };
    }),
  };
}
