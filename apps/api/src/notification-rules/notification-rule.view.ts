import { NotificationRuleRecord } from '@app/store';

/** A change rule as the API shows it. */
export const notificationRuleView = (rule: NotificationRuleRecord) => ({
  id: rule.id,
  workspaceId: rule.workspaceId,
  name: rule.name,
  type: rule.type,
  params: rule.params,
  enabled: rule.enabled,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});
