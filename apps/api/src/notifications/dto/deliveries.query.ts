import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { NOTIFICATION_EVENTS } from '@app/application';
import { DELIVERY_STATUSES, DeliveryStatus } from '@app/store';
import { PageQuery } from '../../common/pagination';

export class DeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'a channel id' })
  @IsOptional()
  @IsUUID('all', { message: 'channel must be a channel id (a UUID), given once' })
  channel?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_EVENTS })
  @IsOptional()
  @IsIn(NOTIFICATION_EVENTS, { message: `event must be one of ${NOTIFICATION_EVENTS.join(', ')}, given once` })
  event?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}, given once` })
  status?: DeliveryStatus;
}
