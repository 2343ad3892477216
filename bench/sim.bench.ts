import { SegmentSimulator } from '../apps/segment-sim/src/sim-server';
import { median, ms, percentile, report, verdict } from './bench-utils';

/**
 * Simulator figures from issue 2: generating a 50,000-resource workspace (< 5 s) and serving a
 * 1,000-item page from it (median < 20 ms), measured over HTTP on loopback like a client sees it.
 *   npm run bench:sim            (SIZE=50000 RUNS=3 PAGES=200 to change the defaults)
 */
const SIZE = Number(process.env.SIZE ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 3);
const PAGES = Number(process.env.PAGES ?? 200);

async function main(): Promise<void> {
  const generation: number[] = [];
  let sim: SegmentSimulator | undefined;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    sim = new SegmentSimulator({
      seed: `bench-${run}`,
      workspaces: [{ slug: 'bench', token: 'bench', size: SIZE, env: 'bench' }],
      rateLimit: { enabled: false, perMinute: 1, timeScale: 1 },
      faults: [],
    });
    generation.push(ms(start));
  }
  const ws = sim!.state.workspaces.get('bench')!;
  const { url } = await sim!.listen(0);

  const lists: Array<{ name: string; path: string; key: string }> = [
    { name: 'destinations', path: '/destinations', key: 'destinations' },
    { name: 'sources', path: '/sources', key: 'sources' },
  ];
  const [planId] = [...ws.rules].sort((a, b) => b[1].size - a[1].size)[0]!;
  lists.push({ name: 'tracking-plan rules', path: `/tracking-plans/${planId}/rules`, key: 'rules' });

  const headers = { Authorization: 'Bearer bench', Accept: 'application/json' };
  const timings: Record<string, number[]> = {};
  const itemCounts: Record<string, number> = {};
  const pageBytes: Record<string, number> = {};
  // warm the connection and the serialization caches once, as a running simulator would be
  await fetch(`${url}/destinations?pagination[count]=1000`, { headers }).then((r) => r.text());
  for (const list of lists) {
    timings[list.name] = [];
    let cursor: string | null = null;
    for (let i = 0; i < PAGES; i++) {
      const query: string = `pagination[count]=1000${cursor ? `&pagination[cursor]=${cursor}` : ''}`;
      // Served = the whole page received by the client; parsing it is the client's own cost.
      const start = process.hrtime.bigint();
      const res = await fetch(`${url}${list.path}?${query}`, { headers });
      const bytes = await res.arrayBuffer();
      timings[list.name]!.push(ms(start));
      const body = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
        data: Record<string, unknown[]> & { pagination: { next: string | null } };
      };
      pageBytes[list.name] = Math.max(pageBytes[list.name] ?? 0, bytes.byteLength);
      itemCounts[list.name] = Math.max(itemCounts[list.name] ?? 0, body.data[list.key]!.length);
      cursor = body.data.pagination.next;
    }
  }
  await sim!.close();

  const pageMedian = median(timings.destinations!);
  const genMedian = median(generation);
  const figures = {
    size: SIZE,
    resources: ws.totalResources(),
    counts: ws.counts(),
    generationMs: generation,
    pages: Object.fromEntries(
      Object.entries(timings).map(([name, t]) => [
        name,
        { items: itemCounts[name], bytes: pageBytes[name], median: median(t), p95: percentile(t, 95), samples: t.length },
      ]),
    ),
  };
  report('sim', figures, [
    `Simulator benchmark (${ws.totalResources()} resources; ${ws.counts().destinations} destinations)`,
    verdict(`generate a ${SIZE}-resource workspace (median of ${RUNS})`, genMedian, 5000),
    verdict(
      `serve a 1000-item destinations page of ${(pageBytes.destinations! / 1e6).toFixed(1)} MB (median of ${PAGES}, p95 ${percentile(timings.destinations!, 95).toFixed(1)} ms)`,
      pageMedian,
      20,
    ),
    ...lists.slice(1).map((l) => `      ${l.name}: median ${median(timings[l.name]!).toFixed(1)} ms for ${itemCounts[l.name]} items`),
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
