import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseRoutingRules, RoutingRules } from '@app/orders';

const VARIABLE = 'ROUTING_RULES_FILE';

/**
 * Reads and validates the routing rules once, at boot (docs/api-decisions.md
 * RT-1): `.yaml` / `.yml` as YAML (the core schema: no custom tags, no
 * dates), anything else as JSON. No file = no rules: the gateway routes
 * nothing and callers fulfil order by order. Problems name the variable and
 * the rule.
 */
export function readRoutingRulesFile(path: string | undefined, holdReasons: readonly string[]): { routing: RoutingRules | null; problems: string[] } {
  if (!path) return { routing: null, problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { routing: null, problems: [`${VARIABLE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}`] };
  }
  let parsed: unknown;
  const yaml = /\.ya?ml$/i.test(path);
  try {
    parsed = yaml ? load(text, { schema: CORE_SCHEMA }) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { routing: null, problems: [`${VARIABLE} is not valid ${yaml ? 'YAML' : 'JSON'}: ${detail}`] };
  }
  const { rules, problems } = parseRoutingRules(parsed, holdReasons);
  if (problems.length > 0) return { routing: null, problems: problems.map((problem) => `${VARIABLE} ${problem}`) };
  return { routing: { source: path, rules }, problems: [] };
}
