import { lastOccurrence } from './schedule';

export interface MissedWindowInput {
  schedule: string;
  timezone: string;
  now: Date;
  /** How long after its window a snapshot may still complete before the backup counts as missed. */
  graceMs: number;
  /** When the workspace was registered: windows before it were never due. */
  since: Date;
  /** When its last snapshot completed (any trigger), if ever. */
  lastCompletedAt?: Date | null;
}

/**
 * The scheduled window whose backup is missing: the last window at least `graceMs` old, when no
 * snapshot completed since it. Undefined when that backup happened, or the window predates the
 * workspace. The same window is answered on every check until a snapshot completes, so that the
 * caller can notify it once (by window). Throws like `lastOccurrence` on a schedule it cannot read.
 */
export function missedWindow(input: MissedWindowInput): Date | undefined {
  const window = lastOccurrence(input.schedule, input.timezone, new Date(input.now.getTime() - input.graceMs));
  if (window < input.since) return undefined;
  if (input.lastCompletedAt && input.lastCompletedAt >= window) return undefined;
  return window;
}
