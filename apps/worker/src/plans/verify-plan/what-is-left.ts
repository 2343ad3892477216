import { VerifiedReport } from '@app/store';

type Findings = Pick<VerifiedReport, 'failed' | 'differences' | 'secretsMissing' | 'invitesPending' | 'computedBySegment' | 'otherGaps'>;

const named = (kind: string, naturalKey?: string) => (naturalKey ? `${kind} '${naturalKey}'` : kind);

/**
 * Everything an apply left undone, one line each, by name: what a person must still do or look
 * at. A plan with any of it ends `partial`, never `completed`.
 */
export function whatIsLeft(report: Findings): string[] {
  return [
    ...report.failed.map((f) => `step ${f.step} (${f.action} ${named(f.kind, f.naturalKey)}) ${f.status}${f.error ? `: ${f.error}` : ''}`),
    ...report.secretsMissing.map((s) => `${named(s.kind, s.naturalKey)}: secret ${s.fields.join(', ')} not supplied`),
    ...report.invitesPending.map((i) => `${named(i.kind, i.naturalKey)}: ${i.message}`),
    ...report.computedBySegment.map((c) => `${named(c.kind, c.naturalKey)}: ${c.fields.join(', ')} did not take (Segment sets it itself)`),
    ...report.otherGaps.map((g) => `${named(g.kind, g.naturalKey)}: ${g.message}`),
    ...report.differences.map((d) => `${named(d.kind, d.naturalKey)} still differs (${d.action}: ${d.reason})`),
  ];
}
