/**
 * Renders the editable text of Warroom's messages from Handlebars templates: built-in ones in ./hbs, each
 * replaceable by a file of the same name in the configured overrides directory. Compiled with strict: true
 * (a missing variable throws) and noEscape: true (escaping is explicit, per target, through helpers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers.js';

/** src/templates/hbs under tsx and vitest, dist/templates/hbs after the build (scripts/copy-assets.mjs copies it). */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('./hbs/', import.meta.url));

export interface TemplateRenderer {
  /** `name` is the file name without `.hbs`, e.g. `declaration.mrkdwn`. */
  render(name: string, data: object): string;
  /** Where a template comes from (the override or the built-in file); throws when there is none. */
  source(name: string): string;
}

export interface TemplateRendererOptions {
  overridesDir?: string | null;
  timeZone: string;
}

export function createTemplateRenderer(options: TemplateRendererOptions): TemplateRenderer {
  const hb = Handlebars.create();
  registerHelpers(hb, options.timeZone);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();

  const source = (name: string): string => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new Error(`bad template name: ${name}`);
    const file = `${name}.hbs`;
    const override = options.overridesDir ? join(options.overridesDir, file) : null;
    if (override && existsSync(override)) return override;
    const builtin = join(BUILTIN_TEMPLATES_DIR, file);
    if (existsSync(builtin)) return builtin;
    throw new Error(`no template named ${name} (looked for ${file} in ${[options.overridesDir, BUILTIN_TEMPLATES_DIR].filter(Boolean).join(' and ')})`);
  };

  const template = (name: string): Handlebars.TemplateDelegate => {
    let fn = compiled.get(name);
    if (!fn) {
      const path = source(name);
      try {
        fn = hb.compile(readFileSync(path, 'utf8'), { strict: true, noEscape: true });
      } catch (err) {
        throw new Error(`template ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
      compiled.set(name, fn);
    }
    return fn;
  };

  return {
    source,
    render(name, data) {
      try {
        // Optional lines in templates leave runs of blank lines behind; one blank line is enough.
        return template(name)(data).replace(/\n{3,}/g, '\n\n').trim();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(message.startsWith('template ') ? message : `template ${name}: ${message}`, { cause: err });
      }
    },
  };
}
