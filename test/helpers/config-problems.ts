// What start-up validation says about an environment: the problems it lists, or none.
import { ConfigError, loadConfig } from '../../src/config';

export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
