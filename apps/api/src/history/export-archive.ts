import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { pack } from 'tar-stream';
import { WorkspaceExport } from './export.service';

/**
 * Streams an export as a .tar.gz: every file under the export's folder, with fixed owner, mode
 * and time stamp (the version's), so that the same version always gives the same bytes.
 */
export function writeTarGz(archive: WorkspaceExport, destination: Writable): void {
  const tar = pack();
  tar.pipe(createGzip()).pipe(destination);
  for (const file of archive.files) {
    const header = { name: `${archive.folder}/${file.path}`, mtime: archive.observedAt, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' };
    tar.entry(header, file.content);
  }
  tar.finalize();
}
