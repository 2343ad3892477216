import {
  BatchItem,
  Gap,
  JsonObject,
  PatchOperation,
  PendingReference,
  PlanResult,
  Scope,
  StepAction,
  StepStatus,
  Substitution,
} from '@app/core';

/**
 * Plans and their steps as the rest of the product sees them: the JSON columns typed, no Prisma
 * type in sight. plan-row.mapper.ts turns rows into these and back.
 */
export type PlanType = 'restore' | 'copy';

/**
 * planning → ready (or failed) → queued → applying → verifying → completed | partial;
 * a ready plan may end as cancelled, an applying one as conflict (nothing was written).
 */
export type PlanStatus =
  'planning' | 'ready' | 'failed' | 'cancelled' | 'queued' | 'applying' | 'conflict' | 'verifying' | 'completed' | 'partial';

export const PLAN_TYPES: readonly PlanType[] = ['restore', 'copy'];
export const PLAN_STATUSES: readonly PlanStatus[] = [
  'planning',
  'ready',
  'failed',
  'cancelled',
  'queued',
  'applying',
  'conflict',
  'verifying',
  'completed',
  'partial',
];
export const STEP_STATUSES: readonly StepStatus[] = ['pending', 'running', 'done', 'failed', 'blocked'];
export const STEP_ACTIONS: readonly StepAction[] = ['create', 'update', 'delete', 'invite', 'upsert-batch', 'delete-batch'];

/** What a plan's `options` column holds (validated by the API before it is stored). */
export interface PlanOptionsRecord {
  allowDelete?: boolean;
  deleteUnmapped?: boolean;
  scope?: Scope;
  substitutions?: Substitution[];
  /** The source is read fresh when planning (a copy without `from.at`), not taken from the log as it stands. */
  sourceFresh?: boolean;
  /** Which secrets came with the request (their values are encrypted apart). */
  secretsSupplied?: Array<{ kind: string; resource: string; field: string }>;
}

/** Resource fields something is said about (secrets needed, missing, set; settings Segment computes). */
export interface ResourceFields {
  kind: string;
  naturalKey?: string;
  fields: string[];
}

export interface ResourceMessage {
  kind: string;
  naturalKey?: string;
  message: string;
}

/** What a ready plan says about itself, beyond its steps. */
export interface PlanSummary {
  totals: PlanResult['totals'];
  gaps: Gap[];
  secretsNeeded: ResourceFields[];
  invites: ResourceMessage[];
  pulledIn: PlanResult['pulledIn'];
  kept: PlanResult['kept'];
  liveVersion?: number;
  liveSnapshotId?: string;
  readMs?: number;
  computeMs?: number;
  catalogProbeMs?: number;
  sourceResources?: number;
  liveResources?: number;
}

/** A change in the target since planning that the plan depends on: the apply stops before writing. */
export interface PlanConflict {
  step: number;
  kind: string;
  naturalKey: string;
  id?: string;
  change: 'changed' | 'deleted' | 'created';
  message: string;
}

/** Steps counted by status while applying (and the requests sent so far). */
/** The phases of an apply, in order: the undo point is read, the steps run, the result is verified. */
export const APPLY_PHASES = ['pre-apply-snapshot', 'steps', 'verification'] as const;
export type ApplyPhase = (typeof APPLY_PHASES)[number];

/** Where an apply stands: its phase (and when each began), steps by status, requests sent. */
export type PlanProgress = {
  total: number;
  requests?: number;
  phase?: ApplyPhase;
  phases?: Array<{ phase: ApplyPhase; startedAt: string }>;
} & Partial<Record<StepStatus, number>>;

export interface FailedStepReport {
  step: number;
  action: StepAction;
  kind: string;
  naturalKey: string;
  status: StepStatus;
  error: string | null;
}

/** How an apply ended: what matches the target state now, and what does not, with why. */
export type PlanReport = VerifiedReport | UnverifiedReport;

export interface VerifiedReport {
  verified: true;
  version: number;
  matched: number;
  differences: Array<{ action: StepAction; kind: string; naturalKey: string; reason: string; ops?: PatchOperation[] }>;
  secretsMissing: ResourceFields[];
  secretsSet: ResourceFields[];
  invitesPending: ResourceMessage[];
  computedBySegment: ResourceFields[];
  failed: FailedStepReport[];
  otherGaps: Gap[];
  requests: number;
  /** Everything above that a person must still do or look at, one line each, by name (absent on older plans). */
  left?: string[];
}

/** The workspace could not be read after applying: only what the steps themselves said. */
export interface UnverifiedReport {
  verified: false;
  error: string;
  failed: FailedStepReport[];
  secretsMissing: ResourceFields[];
  left?: string[];
}

export interface PlanRecord {
  id: string;
  type: PlanType;
  status: PlanStatus;
  targetWorkspaceId: string;
  sourceWorkspaceId: string;
  sourceVersion: number;
  sourceRequested: string;
  liveVersion: number | null;
  preApplyVersion: number | null;
  verifyVersion: number | null;
  dryRun: boolean;
  options: PlanOptionsRecord;
  secretsCiphertext: Uint8Array | null;
  secretsKeyId: string | null;
  summary: PlanSummary | null;
  conflicts: PlanConflict[] | null;
  report: PlanReport | null;
  progress: PlanProgress | null;
  error: string | null;
  requestedBy: string | null;
  approvedBy: string | null;
  createdAt: Date;
  plannedAt: Date | null;
  approvedAt: Date | null;
  applyStartedAt: Date | null;
  finishedAt: Date | null;
}

/** What a step left for later steps and for verification. */
export interface StepResult {
  /** Fields of the created resource that later steps point at instead of its id (a function's catalogId). */
  identity?: JsonObject;
  /** Found by natural key after an uncertain create, not created by this step. */
  adopted?: boolean;
  /** Ids a batch step created or kept, by the source id they came from. */
  ids?: Array<{ originId?: string; id: string }>;
}

export interface PlanStepRecord {
  planId: string;
  position: number;
  action: StepAction;
  kind: string;
  naturalKey: string;
  displayName: string;
  originId: string | null;
  liveId: string | null;
  before: JsonObject | null;
  beforeHash: string | null;
  after: JsonObject | null;
  pending: PendingReference[];
  items: BatchItem[] | null;
  ops: PatchOperation[] | null;
  dependsOn: number[];
  reason: string;
  replace: boolean;
  secretsMissing: string[];
  secretsSupplied: string[];
  status: StepStatus;
  attempts: number;
  resultId: string | null;
  result: StepResult | null;
  error: string | null;
  requests: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewPlan {
  id?: string;
  type: PlanType;
  targetWorkspaceId: string;
  sourceWorkspaceId: string;
  sourceVersion: number;
  sourceRequested: string;
  dryRun: boolean;
  options: PlanOptionsRecord;
  secrets?: { ciphertext: Buffer; keyId: string };
  requestedBy?: string;
}

/** Fields a plan's lifecycle writes; the status itself moves only through `transition`. */
export interface PlanChange {
  sourceVersion?: number;
  preApplyVersion?: number | null;
  verifyVersion?: number | null;
  conflicts?: PlanConflict[];
  report?: PlanReport;
  progress?: PlanProgress;
  error?: string | null;
  approvedBy?: string | null;
  approvedAt?: Date;
  applyStartedAt?: Date;
  finishedAt?: Date;
}

/** A step's outcome as it happens (`running` with an error: the outcome is not known yet). */
export interface StepOutcomeChange {
  status: StepStatus;
  resultId?: string;
  result?: StepResult;
  error?: string;
  requests?: number;
}
