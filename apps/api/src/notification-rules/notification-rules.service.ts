import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_RULES_LOST_KIND } from '@app/catalog';
import { ChangeRuleParams, ChangeRuleType, ForbiddenError, KIND_CATALOG, KindCatalog, KindDefinition, ValidationError } from '@app/core';
import { NotificationRuleRecord, NotificationRuleRepository, WorkspaceRepository } from '@app/store';
import { decodeCursor, isIdCursor, keysetPage, Page } from '../common/pagination';
import { CreateNotificationRuleRequest, ListNotificationRulesQuery, UpdateNotificationRuleRequest } from './dto/notification-rule.requests';

type ParamName = keyof ChangeRuleParams;

/** What each rule type reads from its params: a table, so that a new type is one entry. */
interface ParamSpec {
  required: ParamName[];
  optional?: ParamName[];
  defaults?: ChangeRuleParams;
  /** What `kind` must be, said as the 400 says it; undefined when the kind fits. */
  kindProblem?: (definition: KindDefinition) => string | undefined;
}

const PARAMS: Record<ChangeRuleType, ParamSpec> = {
  'deleted-or-disabled': { required: ['kind', 'threshold'] },
  'rules-lost': {
    required: ['percent'],
    optional: ['kind'],
    defaults: { kind: DEFAULT_RULES_LOST_KIND },
    kindProblem: (definition) =>
      definition.parent ? undefined : `params.kind must be a kind that has a parent (as tracking-plan-rule does)`,
  },
  'label-changed': { required: ['label'] },
};

/** A scoped key sees only the rules of its workspaces. */
export type Scope = ReadonlySet<string> | undefined;

/** Change rules per workspace: the params each type needs are checked here, before anything is written. */
@Injectable()
export class NotificationRulesService {
  constructor(
    private readonly rules: NotificationRuleRepository,
    private readonly workspaces: WorkspaceRepository,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async create(request: CreateNotificationRuleRequest): Promise<NotificationRuleRecord> {
    const workspace = await this.workspaces.find(request.workspaceId);
    if (!workspace || workspace.archivedAt) {
      throw new ValidationError('workspaceId', `workspaceId names no active workspace ('${request.workspaceId}')`);
    }
    const params = this.checkParams(request.type, request.params);
    return this.rules.create({
      workspaceId: workspace.id,
      name: request.name,
      type: request.type,
      params,
      enabled: request.enabled ?? true,
    });
  }

  async list(query: ListNotificationRulesQuery, only: Scope): Promise<Page<NotificationRuleRecord>> {
    const after = decodeCursor(query.cursor, isIdCursor);
    return keysetPage(
      query.limit ?? 100,
      (take) => this.rules.list({ workspaceId: query.workspaceId, only, after: after?.id, take }),
      (last) => ({ id: last.id }),
    );
  }

  async get(id: string, only: Scope): Promise<NotificationRuleRecord> {
    const rule = await this.rules.get(id);
    if (only && !only.has(rule.workspaceId)) {
      throw new ForbiddenError(`This key may not touch workspace '${rule.workspaceId}'`, { workspace: rule.workspaceId });
    }
    return rule;
  }

  async update(id: string, request: UpdateNotificationRuleRequest, only: Scope): Promise<NotificationRuleRecord> {
    const rule = await this.get(id, only);
    const type = request.type ?? rule.type;
    if (request.type && request.type !== rule.type && !request.params) {
      throw new ValidationError('params', `params are required when type changes (to ${request.type})`);
    }
    const params = request.params ? this.checkParams(type, request.params) : undefined;
    return this.rules.update(id, { name: request.name, type: request.type, enabled: request.enabled, ...(params ? { params } : {}) });
  }

  async remove(id: string, only: Scope): Promise<void> {
    await this.get(id, only);
    await this.rules.delete(id);
  }

  /** The params a type needs, present; those it does not read, absent; `kind` a kind of the catalog. */
  private checkParams(type: ChangeRuleType, given: ChangeRuleParams): ChangeRuleParams {
    const spec = PARAMS[type];
    const allowed = new Set<ParamName>([...spec.required, ...(spec.optional ?? [])]);
    for (const name of Object.keys(given) as ParamName[]) {
      if (given[name] !== undefined && !allowed.has(name)) {
        throw new ValidationError(
          `params.${name}`,
          `params.${name} does not apply to a ${type} rule (it reads ${[...allowed].join(', ')})`,
        );
      }
    }
    for (const name of spec.required) {
      if (given[name] === undefined) throw new ValidationError(`params.${name}`, `params.${name} is required for a ${type} rule`);
    }
    const params: ChangeRuleParams = { ...spec.defaults };
    for (const name of allowed) if (given[name] !== undefined) Object.assign(params, { [name]: given[name] });
    if (params.kind !== undefined) {
      if (!this.catalog.has(params.kind)) {
        throw new ValidationError('params.kind', `params.kind must be one of ${this.catalog.names().join(', ')}`);
      }
      const problem = spec.kindProblem?.(this.catalog.get(params.kind));
      if (problem) throw new ValidationError('params.kind', problem);
    }
    return params;
  }
}
