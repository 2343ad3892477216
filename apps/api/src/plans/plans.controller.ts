import { Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { PlanApplyQueuedResponse, PlanDetailResponse, PlanPageResponse, PlanResponse } from './dto/plan.responses';
import { PlanStepPageResponse } from './dto/plan-step.responses';
import { PlanRepository, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, isInstantIdCursor, keysetPage, mapPage, PageQuery } from '../common/pagination';
import { StepsQuery } from './dto/steps.query';
import { planView, stepView } from './plan.view';
import { PlansService } from './plans.service';
import { ScopedBy, WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

const isStepCursor = (value: Record<string, unknown>): value is { p: number } => Number.isInteger(value.p) && (value.p as number) >= 0;

@ApiController({ tag: 'plans', scope: WorkspaceRefs.planParam() })
export class PlansController {
  constructor(
    private readonly plans: PlanRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly service: PlansService,
  ) {}

  /** A plan: its status, summary (totals, gaps, secrets needed), report, and its first steps. */
  @Get('plans/:pid')
  @ApiOperation({ summary: 'A plan: status, summary (totals, gaps, secrets needed), report, and its first steps' })
  @ApiOkResponse({ type: PlanDetailResponse })
  @ApiAuthErrors(404)
  async get(@Param('pid', uuidParam('plan', 'pid')) pid: string, @Query() query: StepsQuery) {
    const plan = await this.plans.get(pid);
    const page = await this.stepPage(pid, query);
    return planView(plan, { stepCounts: await this.plans.stepCounts(pid), steps: page.items, nextCursor: page.nextCursor });
  }

  @Get('plans/:pid/steps')
  @ApiOperation({ summary: 'The steps of a plan, in order (filter by status)' })
  @ApiOkResponse({ type: PlanStepPageResponse })
  @ApiAuthErrors(404)
  async steps(@Param('pid', uuidParam('plan', 'pid')) pid: string, @Query() query: StepsQuery) {
    await this.plans.get(pid);
    return this.stepPage(pid, query);
  }

  @Get('workspaces/:id/plans')
  @ApiOperation({ summary: 'The restore and copy plans of a workspace, newest first' })
  @ApiOkResponse({ type: PlanPageResponse })
  @ApiAuthErrors(404)
  @ScopedBy(WorkspaceRefs.param())
  async list(@Param('id', uuidParam()) id: string, @Query() query: PageQuery) {
    await this.workspaces.get(id, { allowArchived: true });
    const before = decodeCursor(query.cursor, isInstantIdCursor);
    const page = await keysetPage(
      query.limit ?? 50,
      (take) => this.plans.list({ workspaceId: id, take, before: before && { createdAt: new Date(before.at), id: before.id } }),
      (last) => ({ at: last.createdAt.toISOString(), id: last.id }),
    );
    return mapPage(page, (plan) => planView(plan));
  }

  /** Approves and queues the apply of a ready plan (202). */
  @Post('plans/:pid/apply')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Approve a ready plan and queue its apply',
    description: 'A dry run, a plan not ready, or one whose steps form a cycle is a 409.',
  })
  @ApiAcceptedResponse({ type: PlanApplyQueuedResponse })
  @ApiAuthErrors(404, 409)
  apply(@Param('pid', uuidParam('plan', 'pid')) pid: string, @Req() request: { principal?: { keyId: string } }) {
    return this.service.approve(pid, request.principal?.keyId);
  }

  /** Cancels a plan that is not being applied. */
  @Post('plans/:pid/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a plan no worker has started to apply',
    description: 'Being made, ready or queued: cancelled (its job withdrawn). Applying, verifying or finished is a 409.',
  })
  @ApiOkResponse({ type: PlanResponse, description: 'The cancelled plan' })
  @ApiAuthErrors(404, 409)
  async cancel(@Param('pid', uuidParam('plan', 'pid')) pid: string) {
    return planView(await this.service.cancel(pid));
  }

  private async stepPage(pid: string, query: StepsQuery) {
    const cursor = decodeCursor(query.cursor, isStepCursor);
    const page = await keysetPage(
      query.limit ?? 100,
      (take) => this.plans.steps(pid, { afterPosition: cursor?.p, take, status: query.status }),
      (last) => ({ p: last.position }),
    );
    return mapPage(page, stepView);
  }
}
