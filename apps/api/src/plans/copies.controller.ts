import { Body, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { COPY_EXAMPLES } from './dto/plan-request.examples';
import { PlanRequestedResponse } from './dto/plan.responses';
import { parseAt, SuppliedSecret, ValidationError } from '@app/core';
import { WorkspaceRepository } from '@app/store';
import { CopyRequest } from './plan.dto';
import { PlansService } from './plans.service';
import { WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'copies', tag: 'plans', scope: WorkspaceRefs.body('from.workspace', 'to') })
export class CopiesController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly plans: PlansService,
  ) {}

  /**
   * Plans copying one workspace's configuration (at a version) into another (202 with the plan's
   * id): matched by the mapping earlier copies recorded, then by natural key; references
   * rewritten to the target's ids; substitutions applied; nothing deleted unless asked. Same
   * `GET /plans/:id` and `POST /plans/:id/apply` as a restore.
   */
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: "Plan a copy of one workspace's configuration into another",
    description:
      'Matched by the mapping earlier copies recorded, then by natural key; references rewritten to the target’s ids; substitutions applied; nothing deleted unless asked. Same GET /plans/:id and POST /plans/:id/apply as a restore.',
  })
  @ApiBody({
    type: CopyRequest,
    examples: COPY_EXAMPLES,
  })
  @ApiAcceptedResponse({ type: PlanRequestedResponse })
  @ApiAuthErrors(404, 409)
  async copy(@Body() body: CopyRequest, @Req() request: { principal?: { keyId: string } }) {
    const source = await this.workspaces.byIdOrName(body.from.workspace, 'from.workspace');
    const target = await this.workspaces.byIdOrName(body.to, 'to');
    if (source.id === target.id)
      throw new ValidationError('to', 'to must be another workspace than from.workspace; to go back in time, restore instead');
    if (body.deleteUnmapped && !body.allowDelete) throw new ValidationError('deleteUnmapped', 'deleteUnmapped needs allowDelete: true');
    const scope = { ...(body.include ?? {}), ...(body.exclude ? { exclude: { ...body.exclude } } : {}) };
    this.plans.checkScope(scope, 'include');
    this.plans.checkScope({ kinds: body.exclude?.kinds }, 'exclude');
    (body.substitutions ?? []).forEach((s, i) => this.plans.checkScope({ kinds: s.kinds }, `substitutions[${i}]`));
    return this.plans.create({
      type: 'copy',
      target,
      source,
      // without `at`, staging as it is now: the worker snapshots it when planning
      at: body.from.at === undefined ? 'fresh' : parseAt(body.from.at, 'from.at'),
      dryRun: !!body.dryRun,
      options: {
        allowDelete: !!body.allowDelete,
        deleteUnmapped: !!body.deleteUnmapped,
        ...(Object.keys(scope).length ? { scope } : {}),
        ...(body.substitutions?.length ? { substitutions: body.substitutions.map((s) => ({ ...s })) } : {}),
      },
      secrets: (body.secrets ?? []) as SuppliedSecret[],
      requestedBy: request.principal?.keyId,
    });
  }
}
