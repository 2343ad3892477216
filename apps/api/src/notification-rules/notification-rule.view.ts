import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_RULE_TYPES, ChangeRuleType } from '@app/core';
import { NotificationRuleRecord } from '@app/store';
import { ChangeRuleParamsDto } from './dto/notification-rule.requests';

/** A change rule as the API shows it (the OpenAPI schema of the answers). */
export class NotificationRuleView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  workspaceId!: string;
  @ApiProperty({ example: 'destinations going away' })
  name!: string;
  @ApiProperty({ enum: CHANGE_RULE_TYPES })
  type!: ChangeRuleType;
  @ApiProperty({ type: ChangeRuleParamsDto, example: { kind: 'destination', threshold: 2 } })
  params!: ChangeRuleParamsDto;
  @ApiProperty()
  enabled!: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class NotificationRulePage {
  @ApiProperty({ type: [NotificationRuleView] })
  items!: NotificationRuleView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

export const notificationRuleView = (rule: NotificationRuleRecord): NotificationRuleView => ({
  id: rule.id,
  workspaceId: rule.workspaceId,
  name: rule.name,
  type: rule.type,
  params: rule.params,
  enabled: rule.enabled,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});
