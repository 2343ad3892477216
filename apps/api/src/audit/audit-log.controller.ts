import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { AuditLogPageResponse } from './dto/audit-log.responses';
import { GLOBAL_ROUTE } from '../auth/workspace-scope';
import { mapPage } from '../common/pagination';
import { AuditLogQuery } from './audit-log.query';
import { AuditLogService } from './audit-log.service';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'audit-log', tag: 'audit-log', scope: GLOBAL_ROUTE, role: 'admin' })
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
