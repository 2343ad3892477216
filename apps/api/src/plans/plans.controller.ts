import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PlanRepository, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, encodeCursor, PageQuery } from '../common/pagination';
import { planView, stepView } from './plan.view';
import { PlansService } from './plans.service';

const STEP_STATUSES = ['pending', 'running', 'done', 'failed', 'blocked'];

class StepsQuery extends PageQuery {
  @IsOptional()
  @IsIn(STEP_STATUSES, { message: `status must be one of ${STEP_STATUSES.join(', ')}` })
  status?: string;
}

const isStepCursor = (value: Record<string, unknown>): value is { p: number } => Number.isInteger(value.p) && (value.p as number) >= 0;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isPlanCursor = (value: Record<string, unknown>): value is { at: string; id: string } =>
  typeof value.at === 'string' && typeof value.id === 'string' && UUID.test(value.id);

@ApiTags('plans')
@ApiBearerAuth()
@Controller()
export class PlansController {
  constructor(
    private readonly plans: PlanRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly service: PlansService,
  ) {}

  /** A plan: its status, summary (totals, gaps, secrets needed), report, and its first steps. */
  @Get('plans/:pid')
  async get(@Param('pid', uuidParam('plan', 'pid')) pid: string, @Query() query: StepsQuery) {
    const plan = await this.plans.get(pid);
    const page = await this.stepPage(pid, query);
    return planView(plan, { stepCounts: await this.plans.stepCounts(pid), steps: page.items, nextCursor: page.nextCursor });
  }

  @Get('plans/:pid/steps')
  async steps(@Param('pid', uuidParam('plan', 'pid')) pid: string, @Query() query: StepsQuery) {
    await this.plans.get(pid);
    return this.stepPage(pid, query);
  }

  @Get('workspaces/:id/plans')
  async list(@Param('id', uuidParam()) id: string, @Query() query: PageQuery) {
    await this.workspaces.get(id, { allowArchived: true });
    const limit = query.limit ?? 50;
    const before = decodeCursor(query.cursor, isPlanCursor);
    const rows = await this.plans.list({
      workspaceId: id,
      take: limit + 1,
      before: before && { createdAt: new Date(before.at), id: before.id },
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((p) => planView(p)),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  /** Approves and queues the apply of a ready plan (202). */
  @Post('plans/:pid/apply')
  @HttpCode(202)
  apply(@Param('pid', uuidParam('plan', 'pid')) pid: string, @Req() request: { principal?: { keyId: string } }) {
    return this.service.approve(pid, request.principal?.keyId);
  }

  /** Cancels a plan that is not being applied. */
  @Post('plans/:pid/cancel')
  async cancel(@Param('pid', uuidParam('plan', 'pid')) pid: string) {
    return planView(await this.service.cancel(pid));
  }

  private async stepPage(pid: string, query: StepsQuery) {
    const limit = query.limit ?? 100;
    const cursor = decodeCursor(query.cursor, isStepCursor);
    const rows = await this.plans.steps(pid, { afterPosition: cursor?.p, take: limit + 1, status: query.status });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(stepView), nextCursor: rows.length > limit && last ? encodeCursor({ p: last.position }) : null };
  }
}
