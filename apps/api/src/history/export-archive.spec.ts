import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract, Header } from 'tar-stream';
import { writeTarGz } from './export-archive';
import { WorkspaceExport } from './export.service';

const ARCHIVE: WorkspaceExport = {
  folder: 'production-v7',
  version: 7,
  observedAt: new Date('2026-03-04T05:06:07Z'),
  files: [
    { path: 'manifest.json', content: '{"version":7}\n' },
    { path: 'source/web.json', content: '{"kind":"source"}\n' },
  ],
};

function bytesOf(archive: WorkspaceExport): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    sink.on('end', () => resolve(Buffer.concat(chunks)));
    sink.on('error', reject);
    writeTarGz(archive, sink);
  });
}

async function entriesOf(gz: Buffer): Promise<Array<{ header: Header; content: string }>> {
  const entries: Array<{ header: Header; content: string }> = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
      stream.on('end', () => {
        entries.push({ header, content: Buffer.concat(chunks).toString('utf8') });
        next();
      });
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.end(gunzipSync(gz));
  await done;
  return entries;
}

describe('writeTarGz', () => {
  it('gives the same bytes for the same export', async () => {
    const [first, second] = [await bytesOf(ARCHIVE), await bytesOf({ ...ARCHIVE, files: ARCHIVE.files.map((f) => ({ ...f })) })];
    expect(first.equals(second)).toBe(true);
  });

  it('puts every file under the folder, with the version time, no owner and mode 644', async () => {
    const entries = await entriesOf(await bytesOf(ARCHIVE));
    expect(entries.map((e) => [e.header.name, e.content])).toEqual([
      ['production-v7/manifest.json', '{"version":7}\n'],
      ['production-v7/source/web.json', '{"kind":"source"}\n'],
    ]);
    for (const { header } of entries) {
      expect(header).toMatchObject({ mtime: ARCHIVE.observedAt, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' });
    }
  });

  it('changes when the version time changes (it is the only time in the archive)', async () => {
    const later = await bytesOf({ ...ARCHIVE, observedAt: new Date('2026-03-04T05:06:08Z') });
    expect(later.equals(await bytesOf(ARCHIVE))).toBe(false);
  });
});
