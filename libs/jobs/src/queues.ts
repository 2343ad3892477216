import { JobsOptions } from 'bullmq';

/** Queue and job names: constants, never inline strings. */
export const SNAPSHOT_QUEUE = 'snapshots';
export const TAKE_SNAPSHOT_JOB = 'take-snapshot';

export interface TakeSnapshotJobData {
  workspaceId: string;
  snapshotId: string;
}

/**
 * One job per snapshot row, and never one id for two rows: replicas enqueueing the same schedule
 * window share its row (unique per workspace and window), hence its job (BullMQ ignores a second
 * add of an id), while a later run never meets the finished job of an earlier one (a schedule
 * window key of one minute did: two runs in one minute shared it and the second never ran).
 */
export function snapshotJobId(workspaceId: string, snapshot: { id: string }): string {
  return `snapshot:${workspaceId}:${snapshot.id}`;
}

/**
 * Job retries cover crashes and lost infrastructure (a dead worker, Postgres down); Segment
 * errors are retried inside the connector and end as a recorded failed snapshot.
 */
export const SNAPSHOT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export const PLAN_QUEUE = 'plans';
export const MAKE_PLAN_JOB = 'make-plan';
export const APPLY_PLAN_JOB = 'apply-plan';

export interface PlanJobData {
  planId: string;
}

/**
 * One planning job and one apply job per plan, whoever asks and however often. (BullMQ refuses
 * ':' in custom ids unless they have exactly three parts.)
 */
export const planJobId = (phase: 'make' | 'apply', planId: string): string => `${phase}-plan-${planId}`;

/** Retries cover crashes: an apply picks up where the dead worker stopped. */
export const PLAN_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export const NOTIFICATION_QUEUE = 'notifications';
export const DELIVER_NOTIFICATION_JOB = 'deliver-notification';

export interface DeliverNotificationJobData {
  deliveryId: string;
}

/** The job id is the delivery's id: one job per event and channel, however often the fan-out runs. */
export const notificationJobId = (deliveryId: string): string => `delivery-${deliveryId}`;

/**
 * Five attempts with exponential backoff (the first delay is NOTIFY_RETRY_BASE_MS, given when the
 * job is added); each attempt is recorded on the delivery row.
 */
export const NOTIFICATION_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
