import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { SegmentHosts } from '../../libs/config/src';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/**
 * Defence in depth for finding 4 of issue 10: a workspace row whose baseUrl points somewhere else
 * than Segment or an allowed origin (written before base URLs were checked, or by hand) never
 * gets the token: the snapshot fails with the reason, and not one request leaves.
 */
describe('the worker never sends a token to a base URL that is not allowed', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let trap: Server;
  let trapUrl: string;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create('base-url-guard');
    worker = await ctx.startWorker();
    trap = createServer((req, res) => {
      received.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => trap.close(resolve));
    await ctx.close();
  });

  it('allows the simulator in tests, and not the trap', () => {
    const hosts = worker.get(SegmentHosts);
    expect(hosts.refusal(ctx.simUrl)).toBeUndefined();
    expect(hosts.refusal(trapUrl)).toMatch(/https/);
  });

  it('fails the snapshot with the reason when a stored row points elsewhere; the token is not sent', async () => {
    const { id } = await registerWorkspace(ctx, worker, 'moved-by-hand');
    await ctx.prisma.workspace.update({ where: { id }, data: { baseUrl: trapUrl } });

    const { outcome, snapshot } = await snapshotNow(worker, id);

    expect(outcome).toBe('failed');
    expect(snapshot.status).toBe('failed');
    expect(snapshot.error).toContain('baseUrl');
    expect(snapshot.error).toContain(trapUrl);
    expect(received).toEqual([]);
  });

  it('still snapshots a workspace at an allowed origin', async () => {
    const { id } = await registerWorkspace(ctx, worker, 'at-the-simulator');
    expect((await snapshotNow(worker, id)).outcome).toBe('completed');
  });
});
