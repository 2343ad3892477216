import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { GLOBAL_ROUTE, ScopedBy } from '../auth/workspace-scope';
import { ApiAuthErrors } from '../common/api-docs';
import { uuidParam } from '../common/ids';
import { mapPage } from '../common/pagination';
import { channelView, deliveryView } from './channel.view';
import { ChannelsService } from './channels.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveriesQuery } from './dto/deliveries.query';
import { CreateChannelRequest, UpdateChannelRequest } from './dto/channel.requests';
import { ChannelListResponse, ChannelResponse, CreatedChannelResponse, DeliveryPageResponse } from './dto/channel.responses';

const channelParam = () => uuidParam('notification channel');

/** Notification channels span workspaces (a global one receives all): keys scoped to workspaces may not use them. */
@ApiTags('notifications')
@ApiBearerAuth()
@ScopedBy(GLOBAL_ROUTE)
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @Post('channels')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a notification channel (webhook, Slack or e-mail); a webhook signing secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedChannelResponse, description: 'The channel; `secret` only for webhook channels, and only here' })
  @ApiAuthErrors(409)
  async create(@Body() body: CreateChannelRequest) {
    const { channel, secret } = await this.channels.create(body);
    return { ...channelView(channel), ...(secret ? { secret } : {}) };
  }

  @Get('channels')
  @ApiOperation({ summary: 'List notification channels (never their secrets)' })
  @ApiOkResponse({ type: ChannelListResponse })
  @ApiAuthErrors()
  async list() {
    return { items: (await this.channels.list()).map(channelView) };
  }

  @Get('channels/:id')
  @ApiOperation({ summary: 'Show one notification channel (never its secret)' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiAuthErrors(404)
  async get(@Param('id', channelParam()) id: string) {
    return channelView(await this.channels.get(id));
  }

  @Patch('channels/:id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change a channel: name, url or address, events, workspace, enabled, or a new signing secret' })
  @ApiOkResponse({ type: ChannelResponse })
  @ApiAuthErrors(404, 409)
  async update(@Param('id', channelParam()) id: string, @Body() body: UpdateChannelRequest) {
    return channelView(await this.channels.update(id, body));
  }

  @Delete('channels/:id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel and its deliveries' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiAuthErrors(404)
  async remove(@Param('id', channelParam()) id: string): Promise<void> {
    await this.channels.remove(id);
  }

  @Get('deliveries')
  @ApiOperation({
    summary: 'List deliveries, newest first: status, attempts, last error and HTTP status (filters: channel, event, status)',
  })
  @ApiOkResponse({ type: DeliveryPageResponse })
  @ApiAuthErrors()
  async listDeliveries(@Query() query: DeliveriesQuery) {
    return mapPage(await this.deliveries.list(query), deliveryView);
  }
}
