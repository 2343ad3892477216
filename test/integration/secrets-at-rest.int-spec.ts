import { createHash } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { PlanRepository, TokenCipher } from '../../libs/store/src';
import { registerWorkspace } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/** Finding 7 of issue 10 (storage): plan secrets erased when a plan ends; token fingerprints are HMACs. */
describe('secrets at rest', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let plans: PlanRepository;
  let workspaceId: string;

  const withSecrets = async (dryRun = false) => {
    const sealed = worker
      .get(TokenCipher)
      .encrypt(JSON.stringify([{ kind: 'destination', id: 'd1', field: 'apiKey', value: 's3cr3t' }]), 'plan');
    return plans.create({
      type: 'restore',
      targetWorkspaceId: workspaceId,
      sourceWorkspaceId: workspaceId,
      sourceVersion: 0,
      sourceRequested: 'latest',
      dryRun,
      options: {},
      secrets: { ciphertext: sealed.ciphertext, keyId: sealed.keyId },
    });
  };
  const secretsOf = async (id: string) => {
    const row = await ctx.prisma.plan.findUniqueOrThrow({ where: { id } });
    return { ciphertext: row.secretsCiphertext, keyId: row.secretsKeyId };
  };
  const summary = { totals: {} } as never;

  beforeAll(async () => {
    ctx = await TestContext.create('secrets-at-rest');
    worker = await ctx.startWorker();
    plans = worker.get(PlanRepository);
    workspaceId = (await registerWorkspace(ctx, worker)).id;
  });
  afterAll(() => ctx.close());

  it('keeps supplied secrets while a plan can still be applied', async () => {
    const plan = await withSecrets();
    await plans.recordPlan(plan.id, { steps: [], summary, liveVersion: 0 });
    await plans.transition(plan.id, ['ready'], 'queued');
    await plans.transition(plan.id, ['queued'], 'applying');
    expect((await secretsOf(plan.id)).ciphertext).not.toBeNull();
  });

  it.each([
    ['cancelled', ['ready'], 'cancelled'],
    ['partial (the apply failed)', ['ready'], 'partial'],
    ['conflict', ['ready'], 'conflict'],
    ['completed', ['ready'], 'completed'],
  ] as const)('erases them (null, not just encrypted) when the plan ends %s', async (_what, from, to) => {
    const plan = await withSecrets();
    await plans.recordPlan(plan.id, { steps: [], summary, liveVersion: 0 });
    expect(await plans.transition(plan.id, [...from], to)).toBe(true);
    expect(await secretsOf(plan.id)).toEqual({ ciphertext: null, keyId: null });
  });

  it('erases them when planning fails, and for a dry run (never applied)', async () => {
    const failed = await withSecrets();
    await plans.recordPlan(failed.id, { steps: [], summary, liveVersion: 0, failed: 'boom' });
    expect(await secretsOf(failed.id)).toEqual({ ciphertext: null, keyId: null });
    const planningFailed = await withSecrets();
    await plans.transition(planningFailed.id, ['planning'], 'failed', { error: 'x' });
    expect(await secretsOf(planningFailed.id)).toEqual({ ciphertext: null, keyId: null });
    const dryRun = await withSecrets(true);
    await plans.recordPlan(dryRun.id, { steps: [], summary, liveVersion: 0 });
    expect(await secretsOf(dryRun.id)).toEqual({ ciphertext: null, keyId: null });
  });

  it('stores token fingerprints as HMACs, and recomputes bare SHA-256 ones when the API starts', async () => {
    const cipher = worker.get(TokenCipher);
    const bare = createHash('sha256').update('sim_staging').digest('hex').slice(0, 16);
    const row = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(row.tokenFingerprint).toBe(cipher.fingerprint('sim_staging'));
    expect(row.tokenFingerprint).not.toContain(bare);
    await ctx.prisma.workspace.update({ where: { id: workspaceId }, data: { tokenFingerprint: bare } });
    await ctx.startApi();
    expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).tokenFingerprint).toBe(
      cipher.fingerprint('sim_staging'),
    );
  });
});
