import { KindCatalog } from '@app/core';
import { destinationFilterKind, destinationKind, destinationSubscriptionKind, reverseEtlModelKind } from './destinations.kinds';
import { functionKind, insertFunctionInstanceKind } from './functions.kinds';
import { inviteKind, userGroupKind, userKind } from './iam.kinds';
import { trackingPlanConnectionKind, trackingPlanKind, trackingPlanRuleKind, transformationKind } from './protocols.kinds';
import { sourceKind, sourceSchemaSettingsKind } from './sources.kinds';
import { warehouseConnectionKind, warehouseKind } from './warehouses.kinds';
import { credentialKind, labelKind, roleKind, workspaceKind } from './workspace.kinds';

/**
 * Every kind the product backs up, in dependency order (RESOURCES.md §3): what a kind refers to
 * comes before it. Snapshot, diff, plan and apply all read this one table.
 */
export const SEGMENT_CATALOG = new KindCatalog([
  workspaceKind,
  roleKind,
  labelKind,
  credentialKind,
  functionKind,
  sourceKind,
  sourceSchemaSettingsKind,
  warehouseKind,
  warehouseConnectionKind,
  trackingPlanKind,
  trackingPlanRuleKind,
  trackingPlanConnectionKind,
  transformationKind,
  reverseEtlModelKind,
  destinationKind,
  destinationSubscriptionKind,
  destinationFilterKind,
  insertFunctionInstanceKind,
  userGroupKind,
  userKind,
  inviteKind,
]);

/** What a `rules-lost` change rule counts unless told otherwise: a tracking plan's rules. */
export const DEFAULT_RULES_LOST_KIND = trackingPlanRuleKind.kind;
