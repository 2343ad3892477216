import { Body, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { RESTORE_EXAMPLES } from './dto/plan-request.examples';
import { PlanRequestedResponse } from './dto/plan.responses';
import { parseAt, SuppliedSecret } from '@app/core';
import { WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { RestoreRequest } from './plan.dto';
import { PlansService } from './plans.service';
import { WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'workspaces/:id/restores', tag: 'plans', scope: WorkspaceRefs.param() })
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
  @ApiOperation({
    summary: 'Plan a restore of the workspace to a version or instant',
    description:
      'A worker reads the live workspace and stores the steps; GET /plans/:id shows them, POST /plans/:id/apply applies them. `select` narrows the restore and pulls in what the selection needs; `secrets` supplies the values Segment masks.',
  })
  @ApiBody({
    type: RestoreRequest,
    examples: RESTORE_EXAMPLES,
  })
  @ApiAcceptedResponse({ type: PlanRequestedResponse })
  @ApiAuthErrors(404, 409)
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
