import { planRepair, snapshotRepair } from './repairs';

describe('snapshotRepair', () => {
  it('leaves a snapshot whose job is alive, and a running one a plan runs in its own job', () => {
    expect(snapshotRepair({ status: 'queued', jobId: 'j' }, 'alive')).toEqual({ action: 'keep' });
    expect(snapshotRepair({ status: 'running', jobId: null }, 'none')).toEqual({ action: 'keep' });
  });

  it('queues again a snapshot whose job Redis lost, and one whose enqueue was lost', () => {
    expect(snapshotRepair({ status: 'queued', jobId: 'j' }, 'missing')).toEqual({ action: 'requeue' });
    expect(snapshotRepair({ status: 'running', jobId: 'j' }, 'missing')).toEqual({ action: 'requeue' });
    expect(snapshotRepair({ status: 'queued', jobId: null }, 'none')).toEqual({ action: 'requeue' });
  });

  it('fails a snapshot whose job ended without settling it', () => {
    expect(snapshotRepair({ status: 'queued', jobId: 'j' }, 'finished')).toEqual({
      action: 'fail',
      status: 'failed',
      reason: expect.stringContaining('job lost'),
    });
  });
});

describe('planRepair', () => {
  it.each(['planning', 'queued', 'applying', 'verifying'] as const)(
    'keeps a %s plan whose job is alive, re-queues it when lost',
    (status) => {
      expect(planRepair({ status }, 'alive')).toEqual({ action: 'keep' });
      expect(planRepair({ status }, 'missing')).toEqual({ action: 'requeue' });
    },
  );

  it('fails a plan whose job ended: failed when nothing was applied, partial once steps may have run', () => {
    expect(planRepair({ status: 'queued' }, 'finished')).toMatchObject({
      action: 'fail',
      status: 'failed',
      reason: expect.stringContaining('nothing was applied'),
    });
    expect(planRepair({ status: 'planning' }, 'finished')).toMatchObject({ action: 'fail', status: 'failed' });
    expect(planRepair({ status: 'applying' }, 'finished')).toMatchObject({ action: 'fail', status: 'partial' });
    expect(planRepair({ status: 'verifying' }, 'finished')).toMatchObject({ action: 'fail', status: 'partial' });
  });
});
