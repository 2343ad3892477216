import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { AuditLogPageResponse } from './dto/audit-log.responses';
import { RequireRole } from '../auth/auth.decorators';
import { GLOBAL_ROUTE, ScopedBy } from '../auth/workspace-scope';
import { mapPage } from '../common/pagination';
import { AuditLogQuery } from './audit-log.query';
import { AuditLogService } from './audit-log.service';

@ApiTags('audit-log')
@ApiBearerAuth()
@RequireRole('admin')
@ScopedBy(GLOBAL_ROUTE)
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  /**
   * Every mutating API request (refused ones too), newest first: who (API key), what (action,
   * method, path), which workspace, when, how it ended (status, outcome), its request id. Never
   * a body, so never a token or a secret. Append-only: nothing changes or removes an entry.
   */
  @Get()
  @ApiOperation({
    summary: 'The audit log (admin): every mutating request, newest first',
    description:
      'Who (API key), what (action, method, path), which workspace, when, how it ended, its request id. Never a body. Append-only.',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  @ApiAuthErrors()
  async list(@Query() query: AuditLogQuery) {
    return mapPage(await this.audit.list(query), (entry) => ({ ...entry }));
  }
}
