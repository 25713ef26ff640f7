// tsc does not copy non-TypeScript assets: templates (.hbs) and SQL-free migrations live next to the code.
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const copies = [
  ['src/templates/hbs', 'dist/templates/hbs'],
  ['src/playground/web/static', 'dist/playground/web/static'],
];
for (const [from, to] of copies) {
  if (existsSync(join(root, from))) cpSync(join(root, from), join(root, to), { recursive: true });
}
