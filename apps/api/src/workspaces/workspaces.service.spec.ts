import { SegmentHosts } from '@app/config';
import { ConflictError, ForbiddenError, ValidationError } from '@app/core';
import { SnapshotRecord, SnapshotRepository, TokenCipher, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { Mocked, newTestService } from '../../../../test/support/new-test-service';
import { decodeCursor, encodeCursor, isIdCursor } from '../common/pagination';
import { WorkspacesService } from './workspaces.service';

const ID = '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60';
const ADMIN = { role: 'admin' as const };
const OPERATOR = { role: 'operator' as const };
const SIMULATOR = 'http://127.0.0.1:4100';

const workspace = (overrides: Partial<WorkspaceRecord> = {}): WorkspaceRecord => ({
  id: ID,
  name: 'production',
  provider: 'segment-public-api',
  baseUrl: 'https://api.segmentapis.com',
  region: 'us',
  tokenCiphertext: new Uint8Array([1, 2, 3]),
  tokenKeyId: 'k1',
  tokenFingerprint: 'fp',
  schedule: '0 2 * * *',
  timezone: 'UTC',
  scheduleEnabled: true,
  rateLimitPerMinute: null,
  retentionDays: null,
  segmentWorkspaceId: null,
  segmentSlug: null,
  simulatorInstanceId: null,
  streamVersion: 0,
  archivedAt: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

describe('WorkspacesService', () => {
  let sut: WorkspacesService;
  let workspaces: Mocked<WorkspaceRepository>;
  let snapshots: Mocked<SnapshotRepository>;
  let cipher: Mocked<TokenCipher>;

  beforeEach(async () => {
    const service = await newTestService(WorkspacesService, [{ provide: SegmentHosts, useValue: new SegmentHosts([SIMULATOR]) }]);
    sut = service.sut;
    workspaces = service.mock(WorkspaceRepository);
    snapshots = service.mock(SnapshotRepository);
    cipher = service.mock(TokenCipher);
    cipher.encrypt.mockReturnValue({ ciphertext: Buffer.from('sealed'), keyId: 'k1' });
    cipher.fingerprint.mockImplementation((token) => `hmac-of-${token.length}-chars`);
    workspaces.create.mockImplementation(async (input) => workspace(input));
    workspaces.get.mockResolvedValue(workspace());
    workspaces.update.mockImplementation(async (_id, changes) => workspace(changes));
  });

  describe('create', () => {
    it.each([
      ['a link-local metadata address', 'http://169.254.169.254/latest'],
      ['plain http to a Segment host', 'http://api.segmentapis.com'],
      ['another https host', 'https://attacker.example.com'],
      ['a Segment host with credentials', 'https://user:pw@api.segmentapis.com'],
      ['a look-alike host', 'https://api.segmentapis.com.attacker.example'],
    ])('refuses a baseUrl that is %s (400 naming baseUrl), before anything is stored', async (_what, baseUrl) => {
      await expect(sut.create({ name: 'x', token: 't', baseUrl })).rejects.toMatchObject({ field: 'baseUrl' });
      expect(workspaces.create).not.toHaveBeenCalled();
      expect(cipher.encrypt).not.toHaveBeenCalled();
    });

    it.each([
      ['the EU host', 'https://eu1.api.segmentapis.com/', 'eu'],
      ['an allowed origin (the simulator)', `${SIMULATOR}/`, null],
    ])('accepts %s', async (_what, baseUrl, region) => {
      await sut.create({ name: 'x', token: 't', baseUrl });
      expect(workspaces.create.mock.calls[0]![0]).toMatchObject({ baseUrl: baseUrl.replace(/\/$/, ''), region });
    });

    it('encrypts the token for this workspace and applies the defaults', async () => {
      await sut.create({ name: 'production', token: 'sekret' });
      const [input] = workspaces.create.mock.calls[0]!;
      expect(cipher.encrypt).toHaveBeenCalledWith('sekret', input.id);
      expect(input).toMatchObject({
        name: 'production',
        baseUrl: 'https://api.segmentapis.com',
        region: 'us',
        tokenCiphertext: Buffer.from('sealed'),
        tokenKeyId: 'k1',
        tokenFingerprint: 'hmac-of-6-chars',
        schedule: '0 2 * * *',
        timezone: 'UTC',
        scheduleEnabled: true,
        rateLimitPerMinute: null,
        retentionDays: null,
      });
      expect(JSON.stringify(input)).not.toContain('sekret');
    });

    it('takes an explicit base URL without its trailing slashes, and no region', async () => {
      await sut.create({ name: 'sim', token: 't', baseUrl: 'http://127.0.0.1:4100//' });
      expect(workspaces.create.mock.calls[0]![0]).toMatchObject({ baseUrl: 'http://127.0.0.1:4100', region: null });
    });

    it("maps a region to Segment's host for it", async () => {
      await sut.create({ name: 'eu', token: 't', region: 'eu' });
      expect(workspaces.create.mock.calls[0]![0]).toMatchObject({ baseUrl: 'https://eu1.api.segmentapis.com', region: 'eu' });
    });

    it('refuses a base URL and a region together, naming region', async () => {
      await expect(sut.create({ name: 'x', token: 't', baseUrl: 'http://a', region: 'us' })).rejects.toMatchObject({
        field: 'region',
        message: 'give either baseUrl or region, not both',
      });
      expect(workspaces.create).not.toHaveBeenCalled();
    });
  });

  describe('list', () => {
    it('asks for one more row than the page and makes a cursor from the last one shown', async () => {
      const rows = ['1', '2', '3'].map((n) => workspace({ id: `6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f6${n}` }));
      workspaces.list.mockResolvedValue(rows);
      const page = await sut.list({ limit: 2, includeArchived: true });
      expect(workspaces.list).toHaveBeenCalledWith({ includeArchived: true, take: 3, afterId: undefined });
      expect(page.items.map((w) => w.id)).toEqual([rows[0]!.id, rows[1]!.id]);
      expect(decodeCursor(page.nextCursor!, isIdCursor)).toEqual({ id: rows[1]!.id });
    });

    it('continues after the cursor, 50 at a time by default; the last page has no cursor', async () => {
      workspaces.list.mockResolvedValue([workspace()]);
      const page = await sut.list({ cursor: encodeCursor({ id: ID }) });
      expect(workspaces.list).toHaveBeenCalledWith({ includeArchived: undefined, take: 51, afterId: ID });
      expect(page.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not make', async () => {
      await expect(sut.list({ cursor: encodeCursor({ id: 'not-a-uuid' }) })).rejects.toMatchObject({ field: 'cursor' });
      expect(workspaces.list).not.toHaveBeenCalled();
    });
  });

  it('get: an archived workspace too, with its last completed snapshot', async () => {
    const last = { id: 's1' } as SnapshotRecord;
    snapshots.lastCompleted.mockResolvedValue(last);
    expect(await sut.get(ID)).toEqual({ workspace: workspace(), lastSnapshot: last });
    expect(workspaces.get).toHaveBeenCalledWith(ID, { allowArchived: true });
  });

  describe('update', () => {
    it('changes only what was sent; null sets the rate limit back to the default', async () => {
      await sut.update(ID, { name: 'renamed', rateLimitPerMinute: null }, OPERATOR);
      expect(workspaces.update).toHaveBeenCalledWith(ID, { name: 'renamed', rateLimitPerMinute: null });
    });

    it('re-encrypts a new token', async () => {
      await sut.update(ID, { token: 'rotated' }, OPERATOR);
      expect(cipher.encrypt).toHaveBeenCalledWith('rotated', ID);
      expect(workspaces.update).toHaveBeenCalledWith(ID, {
        tokenCiphertext: Buffer.from('sealed'),
        tokenKeyId: 'k1',
        tokenFingerprint: 'hmac-of-7-chars',
      });
    });

    it('moves to a region', async () => {
      await sut.update(ID, { region: 'eu', token: 'again' }, ADMIN);
      expect(workspaces.update).toHaveBeenCalledWith(
        ID,
        expect.objectContaining({ baseUrl: 'https://eu1.api.segmentapis.com', region: 'eu' }),
      );
    });

    it.each([
      ['a baseUrl', { baseUrl: SIMULATOR, token: 'again' }, 'baseUrl'],
      ['a region', { region: 'eu' as const, token: 'again' }, 'region'],
    ])('refuses an operator moving %s (403 naming the field)', async (_what, input, field) => {
      const error = await sut.update(ID, input, OPERATOR).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toMatchObject({ details: { field } });
      expect(workspaces.update).not.toHaveBeenCalled();
    });

    it('needs the token again to move a workspace, even for an admin (400 naming token)', async () => {
      await expect(sut.update(ID, { baseUrl: SIMULATOR }, ADMIN)).rejects.toMatchObject({ field: 'token' });
      expect(workspaces.update).not.toHaveBeenCalled();
    });

    it('lets an operator resend the same region without the token', async () => {
      await sut.update(ID, { region: 'us' }, OPERATOR);
      expect(workspaces.update).toHaveBeenCalled();
    });

    it('needs an active workspace', async () => {
      workspaces.get.mockRejectedValue(new ConflictError('archived'));
      await expect(sut.update(ID, { name: 'x' }, OPERATOR)).rejects.toThrow('archived');
      expect(workspaces.update).not.toHaveBeenCalled();
      expect(workspaces.get).toHaveBeenCalledWith(ID);
    });
  });

  describe('remove', () => {
    it('archives by default and cancels the snapshot in flight', async () => {
      snapshots.active.mockResolvedValue({ id: 'running-1' } as SnapshotRecord);
      workspaces.archive.mockResolvedValue(workspace({ archivedAt: new Date() }));
      const result = await sut.remove(ID, { purge: false, role: 'operator' });
      expect(snapshots.cancel).toHaveBeenCalledWith('running-1', 'the workspace was archived');
      expect(result.purged).toBe(false);
      expect(result.workspace?.archivedAt).toBeInstanceOf(Date);
      expect(workspaces.purge).not.toHaveBeenCalled();
    });

    it('purges only when confirm repeats the name', async () => {
      const refused = await sut.remove(ID, { purge: true, confirm: 'staging', role: 'admin' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ValidationError);
      expect(refused).toMatchObject({ field: 'confirm' });
      expect(workspaces.purge).not.toHaveBeenCalled();

      expect(await sut.remove(ID, { purge: true, confirm: 'production', role: 'admin' })).toEqual({ purged: true });
      expect(workspaces.purge).toHaveBeenCalledWith(ID);
      expect(workspaces.get).toHaveBeenLastCalledWith(ID, { allowArchived: true });
    });

    it('refuses a purge by an operator, even with the right confirm (403 naming purge)', async () => {
      const refused = await sut.remove(ID, { purge: true, confirm: 'production', role: 'operator' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ForbiddenError);
      expect(refused).toMatchObject({ details: { field: 'purge' } });
      expect(workspaces.purge).not.toHaveBeenCalled();
    });
  });
});
