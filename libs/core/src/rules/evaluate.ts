import { EventType } from '../events';
import { KindCatalog } from '../kinds';
import { ResourceBody } from '../resources';
import { NaturalKeyResolver } from '../snapshot';
import { ChangeRule, FiredRule, MAX_LISTED, RuleInput } from './change-rule';
import { RULE_TYPES } from './rule-types';

/**
 * The rules that fire on one snapshot's changes. Pure: the caller gives the changes with their
 * bodies before and after, and the state after. A snapshot that changed nothing fires nothing.
 */
export function evaluateRules(catalog: KindCatalog, input: RuleInput, rules: readonly ChangeRule[]): FiredRule[] {
  if (!input.changes.length || !rules.length) return [];
  const deleted: ResourceBody[] = input.changes
    .filter((c) => c.type === EventType.ResourceDeleted && c.before && catalog.has(c.kind))
    .map((c) => ({ kind: c.kind, id: c.resourceId, body: c.before! }));
  const known = input.after.filter((r) => catalog.has(r.kind));
  const resolver = new NaturalKeyResolver(catalog, input.workspaceSlug, [...deleted, ...known]);
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    const finding = RULE_TYPES[rule.type]?.(rule, { catalog, input, resolver });
    if (!finding) continue;
    fired.push({
      ruleId: rule.id,
      name: rule.name,
      type: rule.type,
      summary: finding.summary,
      count: finding.resources.length,
      resources: finding.resources.slice(0, MAX_LISTED),
    });
  }
  return fired;
}
