import { ResourceChange } from '../events';
import { JsonObject } from '../json';
import { KindName } from '../kinds';
import { ResourceBody } from '../resources';

/** The types of change rule a workspace can set; each reads its own params. */
export const CHANGE_RULE_TYPES = ['deleted-or-disabled', 'rules-lost', 'label-changed'] as const;
export type ChangeRuleType = (typeof CHANGE_RULE_TYPES)[number];

/**
 * What a rule is configured with. `deleted-or-disabled`: `kind` and `threshold` (fires above it);
 * `rules-lost`: `kind` (a child kind, e.g. tracking-plan rules) and `percent` (fires above it);
 * `label-changed`: `label` (`key:value`, or `key` for any value).
 */
export interface ChangeRuleParams {
  kind?: KindName;
  threshold?: number;
  percent?: number;
  label?: string;
}

export interface ChangeRule {
  id: string;
  name: string;
  type: ChangeRuleType;
  params: ChangeRuleParams;
}

/** One change a snapshot recorded, with the body before (updated, deleted) and after (created, updated). */
export interface SnapshotChange {
  type: ResourceChange['type'];
  kind: KindName;
  resourceId: string;
  naturalKey: string;
  before?: JsonObject;
  after?: JsonObject;
}

export interface RuleInput {
  workspaceSlug: string;
  changes: readonly SnapshotChange[];
  /** The workspace as it is after the snapshot (what it observed and what it did not read). */
  after: readonly ResourceBody[];
}

/** A rule that fired: a sentence a person reads, and the resources concerned by natural key. */
export interface FiredRule {
  ruleId: string;
  name: string;
  type: ChangeRuleType;
  summary: string;
  /** How many resources are concerned (the list is capped at MAX_LISTED). */
  count: number;
  resources: string[];
}

/** Resources listed per fired rule; the count says how many there were. */
export const MAX_LISTED = 100;
