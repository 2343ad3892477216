import { KindCatalog } from '../kinds';
import { BatchItem, PlannedStep } from './types';

/**
 * Kinds written in batches (a tracking plan's rules) are merged: every create and update of one
 * group becomes one upsert step, every delete one removal step. A step that waited for a merged
 * step waits for the batch instead.
 */
export function batchSteps(catalog: KindCatalog, steps: PlannedStep[]): PlannedStep[] {
  const out: PlannedStep[] = [];
  const batches = new Map<string, PlannedStep>();
  const movedTo = new Map<number, number>();
  let next = Math.max(0, ...steps.map((s) => s.index)) + 1;
  for (const step of steps) {
    const writer = catalog.has(step.kind) ? catalog.get(step.kind).write?.batch : undefined;
    if (!writer) {
      out.push(step);
      continue;
    }
    const removal = step.action === 'delete';
    const group = writer.group((removal ? step.before : step.after)!);
    const key = `${step.kind}\u0000${removal ? 'delete' : 'upsert'}\u0000${group}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = {
        index: next++,
        action: removal ? 'delete-batch' : 'upsert-batch',
        kind: step.kind,
        naturalKey: step.naturalKey.split(' / ')[0] ?? step.naturalKey,
        displayName: '',
        pending: [],
        items: [],
        dependsOn: [],
        reason: '',
        secretsMissing: [],
        secretsSupplied: [],
      };
      batches.set(key, batch);
      out.push(batch);
    }
    const item: BatchItem = {
      naturalKey: step.naturalKey,
      pending: step.pending,
      ...(step.originId ? { originId: step.originId } : {}),
      ...(step.liveId ? { liveId: step.liveId } : {}),
      ...(step.before ? { before: step.before } : {}),
      ...(step.after ? { after: step.after } : {}),
    };
    batch.items!.push(item);
    batch.dependsOn.push(...step.dependsOn);
    movedTo.set(step.index, batch.index);
  }
  for (const batch of batches.values()) {
    const items = batch.items!;
    const counts = {
      created: items.filter((i) => !i.liveId && i.after).length,
      updated: items.filter((i) => i.liveId && i.after).length,
      deleted: items.filter((i) => !i.after).length,
    };
    batch.displayName = `${items.length} ${catalog.get(batch.kind).label}s`;
    batch.reason =
      batch.action === 'delete-batch'
        ? `delete ${counts.deleted}`
        : [counts.created && `create ${counts.created}`, counts.updated && `update ${counts.updated}`].filter(Boolean).join(', ');
  }
  // dependencies on merged steps point to their batch; a batch never waits for itself
  for (const step of out) {
    step.dependsOn = [...new Set(step.dependsOn.map((d) => movedTo.get(d) ?? d))].filter((d) => d !== step.index);
    step.pending = step.pending.map((p) => ({ ...p, step: movedTo.get(p.step) ?? p.step }));
    if (step.items) for (const item of step.items) item.pending = item.pending.map((p) => ({ ...p, step: movedTo.get(p.step) ?? p.step }));
  }
  return out;
}
