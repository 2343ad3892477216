import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireRole } from '../auth/auth.decorators';
import { FILTERED_BY_SCOPE, ScopedBy, WorkspaceRefs } from '../auth/workspace-scope';
import { ApiAuthErrors } from '../common/api-docs';
import { uuidParam } from '../common/ids';
import { mapPage } from '../common/pagination';
import { CreateNotificationRuleRequest, ListNotificationRulesQuery, UpdateNotificationRuleRequest } from './dto/notification-rule.requests';
import { NotificationRulePage, notificationRuleView, NotificationRuleView } from './notification-rule.view';
import { NotificationRulesService } from './notification-rules.service';

const ruleId = uuidParam('notification rule', 'ruleId');

/**
 * Change rules: evaluated by the worker on every completed snapshot of their workspace; one that
 * fires is a `rule.fired` notification. Routes by rule id check a scoped key's workspaces themselves.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ScopedBy(FILTERED_BY_SCOPE)
@Controller('notifications/rules')
export class NotificationRulesController {
  constructor(private readonly service: NotificationRulesService) {}

  @Post()
  @RequireRole('operator')
  @ScopedBy(WorkspaceRefs.body('workspaceId'))
  @ApiOperation({ summary: 'Adds a change rule to a workspace (params by type: 400 naming the field that is missing or does not apply)' })
  @ApiCreatedResponse({ type: NotificationRuleView })
  @ApiAuthErrors()
  async create(@Body() body: CreateNotificationRuleRequest) {
    return notificationRuleView(await this.service.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'Lists change rules (of one workspace with ?workspaceId=), oldest first, paged' })
  @ApiOkResponse({ type: NotificationRulePage })
  @ApiAuthErrors()
  async list(@Query() query: ListNotificationRulesQuery, @Req() request: AuthenticatedRequest) {
    return mapPage(await this.service.list(query, request.principal?.workspaces), notificationRuleView);
  }

  @Get(':ruleId')
  @ApiOperation({ summary: 'A change rule' })
  @ApiOkResponse({ type: NotificationRuleView })
  @ApiAuthErrors(404)
  async get(@Param('ruleId', ruleId) rid: string, @Req() request: AuthenticatedRequest) {
    return notificationRuleView(await this.service.get(rid, request.principal?.workspaces));
  }

  @Patch(':ruleId')
  @RequireRole('operator')
  @ApiOperation({ summary: 'Renames, enables or disables a change rule, or changes its type and params' })
  @ApiOkResponse({ type: NotificationRuleView })
  @ApiAuthErrors(404)
  async update(@Param('ruleId', ruleId) rid: string, @Body() body: UpdateNotificationRuleRequest, @Req() request: AuthenticatedRequest) {
    return notificationRuleView(await this.service.update(rid, body, request.principal?.workspaces));
  }

  @Delete(':ruleId')
  @RequireRole('operator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiAuthErrors(404)
  @ApiOperation({ summary: 'Deletes a change rule' })
  async remove(@Param('ruleId', ruleId) rid: string, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.service.remove(rid, request.principal?.workspaces);
  }
}
