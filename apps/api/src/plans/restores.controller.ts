import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { parseAt, SuppliedSecret } from '@app/core';
import { WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { RestoreRequest } from './plan.dto';
import { PlansService } from './plans.service';
import { ScopedBy, WorkspaceRefs } from '../auth/workspace-scope';

@ApiTags('plans')
@ApiBearerAuth()
@ScopedBy(WorkspaceRefs.param())
@Controller('workspaces/:id/restores')
export class RestoresController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly plans: PlansService,
  ) {}

  /**
   * Plans putting the workspace back as it was at `to` (202 with the plan's id). A worker reads
   * the live workspace and stores the steps; `GET /plans/:id` shows them; `POST /plans/:id/apply`
   * applies them. `select` narrows the restore and pulls in what the selection needs.
   */
  @Post()
  @HttpCode(202)
  async restore(@Param('id', uuidParam()) id: string, @Body() body: RestoreRequest, @Req() request: { principal?: { keyId: string } }) {
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    this.plans.checkScope(body.select, 'select');
    return this.plans.create({
      type: 'restore',
      target: workspace,
      source: workspace,
      at: parseAt(body.to, 'to'),
      dryRun: !!body.dryRun,
      options: { allowDelete: !!body.allowDelete, ...(body.select ? { scope: { ...body.select } } : {}) },
      secrets: (body.secrets ?? []) as SuppliedSecret[],
      requestedBy: request.principal?.keyId,
    });
  }
}
