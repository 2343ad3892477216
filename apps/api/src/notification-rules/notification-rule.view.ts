import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_RULE_TYPES, ChangeRuleType } from '@app/core';
import { NotificationRuleRecord } from '@app/store';
import { ChangeRuleParamsDto } from './dto/notification-rule.requests';

/** A change rule as the API shows it (the OpenAPI schema of the answers). */
export class NotificationRuleView {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  workspaceId!: string;
  @ApiProperty({ example: 'destinations going away' })
  name!: string;
  @ApiProperty({ example: 'deleted-or-disabled', enum: CHANGE_RULE_TYPES })
  type!: ChangeRuleType;
  @ApiProperty({ type: ChangeRuleParamsDto, example: { kind: 'destination', threshold: 2 } })
  params!: ChangeRuleParamsDto;
  @ApiProperty({ example: true })
  enabled!: boolean;
  @ApiProperty({ example: '2026-01-31T02:00:00.000Z', format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ example: '2026-01-31T02:00:00.000Z', format: 'date-time' })
  updatedAt!: string;
}

export class NotificationRulePage {
  @ApiProperty({ type: [NotificationRuleView] })
  items!: NotificationRuleView[];
  @ApiProperty({
    example: 'eyJpZCI6IjZmMWMyYTRlIn0',
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last',
  })
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
