import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { CrossDiffResponse, WorkspaceDiffResponse } from './dto/diff.responses';
import { uuidParam } from '../common/ids';
import { offsetPage } from '../common/pagination';
import { DiffService, DiffSide } from './diff.service';
import { CrossDiffQuery } from './dto/cross-diff.query';
import { WorkspaceDiffQuery } from './dto/workspace-diff.query';
import { resolvedView } from './views';
import { ScopedBy, WorkspaceRefs } from '../auth/workspace-scope';

const sideView = (side: DiffSide) => ({ workspace: { id: side.workspace.id, name: side.workspace.name }, at: resolvedView(side.point) });

@ApiTags('history')
@ApiBearerAuth()
@Controller()
export class DiffController {
  constructor(private readonly diffs: DiffService) {}

  /** What changed in one workspace between two versions or instants (to defaults to latest). */
  @Get('workspaces/:id/diff')
  @ApiOperation({ summary: 'What changed in a workspace between two versions or instants', description: '`to` defaults to latest.' })
  @ApiOkResponse({ type: WorkspaceDiffResponse })
  @ApiAuthErrors(404)
  @ScopedBy(WorkspaceRefs.param())
  async workspaceDiff(@Param('id', uuidParam()) id: string, @Query() query: WorkspaceDiffQuery) {
    const diff = await this.diffs.workspaceDiff(id, query);
    // the cursor belongs to this query: same workspace, versions and filters
    const signature = `${id}:${diff.from.version}:${diff.to.version}:${query.kind ?? ''}:${query.status ?? ''}`;
    return {
      from: resolvedView(diff.from),
      to: resolvedView(diff.to),
      totals: diff.totals,
      total: diff.total,
      ...offsetPage(diff.entries, query, signature),
    };
  }

  /**
   * Two workspaces compared by natural key (ids never count as differences): references are
   * compared by what they point to, masked secrets are reported as not comparable.
   */
  @Get('diff')
  @ApiOperation({
    summary: 'Compare two workspaces (or two versions) by natural key',
    description: 'Ids never count as differences; references compare by what they point to; masked secrets are not comparable.',
  })
  @ApiOkResponse({ type: CrossDiffResponse })
  @ApiAuthErrors(404)
  @ScopedBy(WorkspaceRefs.querySides('left', 'right'))
  async crossDiff(@Query() query: CrossDiffQuery) {
    const diff = await this.diffs.crossDiff(query);
    const { left, right } = diff;
    const signature = `${left.workspace.id}@${left.point.version}:${right.workspace.id}@${right.point.version}:${query.kind ?? ''}:${query.status ?? ''}`;
    return {
      left: sideView(left),
      right: sideView(right),
      totals: diff.totals,
      total: diff.total,
      ...offsetPage(diff.entries, query, signature),
    };
  }
}
