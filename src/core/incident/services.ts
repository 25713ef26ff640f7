/** Service lookup by name, with a "did you mean" for typos. */
import { DomainError } from '../errors.js';
import { closestMatch } from '../text/closest.js';
import type { ServiceDefinition } from './settings.js';

export function findService(services: readonly ServiceDefinition[], input: string): ServiceDefinition {
  const wanted = input.trim().toLowerCase();
  const found = services.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const names = services.map((s) => s.name);
  if (names.length === 0) {
    throw new DomainError('UNKNOWN_SERVICE', `Unknown service "${input.trim()}": no services are configured. Leave out --service, or add services to the config.`, {
      input,
      valid: [],
    });
  }
  const suggestion = closestMatch(input, names);
  const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : '';
  throw new DomainError('UNKNOWN_SERVICE', `Unknown service "${input.trim()}".${didYouMean} Configured services: ${names.join(', ')}.`, {
    input,
    suggestion,
    valid: names,
  });
}
