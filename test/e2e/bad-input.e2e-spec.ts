import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { namedFields } from '../support/api-helpers';
import {
  BadCase,
  badPathValues,
  badQueryValues,
  badValues,
  fieldsOf,
  Operation,
  operationsOf,
  withValue,
} from '../support/bad-input-cases';
import { planIn } from '../support/plan-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/** Columns a refused request may still touch: when a key was last used (the guard records it). */
const VOLATILE_COLUMNS = ['last_used_at'];

/** The audit log records refused requests too: it is checked apart (only refusals added). */
const AUDIT_TABLE = 'audit_log';

/** Every table's row count and a hash of its content, read with SQL over information_schema. */
async function tableDigest(ctx: TestContext): Promise<Record<string, string>> {
  const tables = await ctx.prisma.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '${AUDIT_TABLE}' ORDER BY 1`,
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const row = `(to_jsonb(t) - ARRAY[${VOLATILE_COLUMNS.map((c) => `'${c}'`).join(',')}]::text[])::text`;
    const [result] = await ctx.prisma.$queryRawUnsafe<Array<{ rows: number; md5: string }>>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS md5 FROM "${name}" t`,
    );
    digest[name] = `${result!.rows} rows, md5 ${result!.md5}`;
  }
  return digest;
}

/** Values that look hostile but that the API documents as valid: `null` puts the rate limit back to the default. */
const ACCEPTED = new Set(['patch /workspaces/{id} rateLimitPerMinute: null']);

/** A body's JSON text with one more member, written as is (JSON.stringify would drop a `__proto__` key). */
const withKey = (body: unknown, member: string) => {
  const text = JSON.stringify(body ?? {});
  return text === '{}' ? `{${member}}` : `${text.slice(0, -1)},${member}}`;
};

/** A valid change rule, to which each case does one wrong thing. */
const NEW_RULE = (workspaceId: string) => ({
  workspaceId,
  name: 'bad-input-rule',
  type: 'deleted-or-disabled',
  params: { kind: 'destination', threshold: 2 },
});

const normalize = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

/** Whether an error body names the field (or a field inside it, or the object holding it). */
function names(body: { message?: string; details?: { field?: unknown; fields?: Record<string, unknown> } }, field: string): boolean {
  const wanted = normalize(field);
  return namedFields(body).some((f) => {
    const named = normalize(f);
    return named === wanted || named.startsWith(`${wanted}.`) || wanted.startsWith(`${named}.`);
  });
}

describe('e2e: a bad-input suite generated from the OpenAPI document (issue 10)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-bad-input');
    app = await ctx.startApi();
    const worker = await ctx.startWorker();
    ids.workspace = (await registerWorkspace(ctx, app)).id;
    const production = await registerWorkspace(ctx, app, 'production');
    const { snapshot } = await snapshotNow(worker, ids.workspace);
    await snapshotNow(worker, production.id);
    ids.snapshot = snapshot.id;
    const http = ctx.http(app);
    const plan = await http.post(`/workspaces/${ids.workspace}/restores`).send({ to: 'latest', dryRun: true });
    ids.plan = plan.body.planId;
    await planIn(http, ids.plan, ['ready', 'failed']);
    ids.apiKey = (await http.post('/api-keys').send({ name: 'reader', role: 'operator' })).body.id;
    ids.resource = (await http.get(`/workspaces/${ids.workspace}/resources`).query({ kind: 'source', limit: 1 })).body.items[0].id;
    ids.rule = (await http.post('/notifications/rules').send(NEW_RULE(ids.workspace))).body.id;
    await ctx.stopApp(worker);
  }, 120_000);
  afterAll(() => ctx.close());

  /** Valid values for everything but the part a case breaks. */
  const baseline = (op: Operation) => {
    const key = `${op.method} ${op.path}`;
    const params: Record<string, string> = {
      id: op.path.startsWith('/api-keys') ? ids.apiKey! : ids.workspace!,
      sid: ids.snapshot!,
      pid: ids.plan!,
      kind: 'source',
      rid: ids.resource!,
      ruleId: ids.rule!,
    };
    const bodies: Record<string, unknown> = {
      'post /workspaces': { name: 'bad-input-new', token: 'sim_new_token' },
      'post /workspaces/{id}/restores': { to: 'latest', dryRun: true },
      'post /copies': { from: { workspace: 'staging', at: 'latest' }, to: 'production', dryRun: true },
      'post /api-keys': { name: 'bad-input-key', role: 'operator' },
      'post /notifications/rules': NEW_RULE(ids.workspace!),
    };
    const queries: Record<string, Record<string, string>> = {
      'get /workspaces/{id}/diff': { from: 'latest' },
      'get /diff': { left: 'staging', right: 'production' },
    };
    return { params, body: bodies[key] ?? (op.body ? {} : undefined), query: queries[key] ?? {} };
  };

  const url = (op: Operation, params: Record<string, string>, query: Record<string, string | string[]>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) search.append(k, item);
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
    return search.size ? `${path}?${search}` : path;
  };

  function casesOf(op: Operation): BadCase[] {
    const base = baseline(op);
    const cases: BadCase[] = [];
    const add = (name: string, field: string, change: Partial<BadCase>) =>
      cases.push({
        name: `${op.method.toUpperCase()} ${op.path} ${name}`,
        method: op.method,
        url: url(op, base.params, base.query),
        body: base.body,
        field,
        ...change,
      });
    for (const param of op.pathParams)
      for (const [what, value] of badPathValues())
        add(`path ${param}: ${what}`, param, { url: url(op, { ...base.params, [param]: value }, base.query), value });
    if (op.query) {
      for (const { path: name } of fieldsOf(op.query))
        for (const [what, value] of badQueryValues(name))
          add(`query ${name}: ${what}`, name, { url: url(op, base.params, { ...base.query, [name]: value }) });
      add('query: unknown parameter', 'unknownParam', { url: url(op, base.params, { ...base.query, unknownParam: '1' }) });
    }
    if (op.body) {
      for (const field of fieldsOf(op.body))
        for (const [what, value] of badValues(field.type).filter(
          ([what]) => !ACCEPTED.has(`${op.method} ${op.path} ${field.path}: ${what}`),
        ))
          add(`body ${field.path}: ${what}`, field.path, { body: withValue(base.body, field.path, value) });
      add('body: unknown field', 'unknownField', { body: { ...(base.body as object), unknownField: 1 } });
      const raw: Array<[string, Buffer | string, string]> = [
        ['malformed JSON', '{"name":', 'body'],
        ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'body'],
        ['nested 10,000 deep', `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'body'],
        ['over 1 MB', `{"a":"${'x'.repeat(1_100_000)}"}`, 'body'],
        ['__proto__ key', withKey(base.body, `"__proto__":{"admin":true}`), '__proto__'],
        ['constructor key', withKey(base.body, `"constructor":{"prototype":{"admin":true}}`), 'constructor'],
      ];
      for (const [what, body, field] of raw) add(`body: ${what}`, field, { raw: body, body: undefined });
    }
    add('URL of 100 KB', 'url', { url: url(op, base.params, { ...base.query, q: 'x'.repeat(100_000) }) });
    return cases;
  }

  it('answers at least 300 hostile requests across every route with a 4xx naming the field, never a 5xx, and changes nothing', async () => {
    const document = (await ctx.http(app).get('/docs-json')).body;
    // every controller the running app serves, those of imported modules (health, metrics, audit) included
    const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.values()].map((c) => c.metatype),
    );
    const operations = operationsOf(document, controllers as never);
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const cases = operations.flatMap(casesOf);
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const before = await tableDigest(ctx);
    const startedAt = new Date();

    const statuses: Record<string, number> = {};
    const problems: string[] = [];
    const http = ctx.http(app);
    for (const c of cases) {
      const request = http[c.method as 'get' | 'post' | 'patch' | 'delete'](c.url);
      const res = await (c.raw !== undefined
        ? request
            .set('Content-Type', 'application/json')
            .serialize((d: unknown) => d as string)
            .send(c.raw as string)
        : c.body !== undefined
          ? request.send(c.body as object)
          : request);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const body = res.body as { message?: string; details?: { field?: unknown; fields?: Record<string, unknown> } };
      if (res.status >= 500) problems.push(`${c.name}: ${res.status} ${res.text.slice(0, 200)}`);
      else if (res.status >= 400) {
        // a URL too long is named `url`, a body too large `body`; what a forged id did not find, by its id
        const field = res.status === 414 ? 'url' : res.status === 413 ? 'body' : c.field;
        const named = names(body, field) || (res.status === 404 && !!c.value && (body.message ?? '').includes(decodeURIComponent(c.value)));
        if (!named) problems.push(`${c.name}: ${res.status} does not name ${c.field}: ${JSON.stringify(body).slice(0, 300)}`);
      } else if (c.method !== 'get') problems.push(`${c.name}: accepted (${res.status})`);
    }

    const classes = Object.entries(statuses).reduce<Record<string, number>>((sum, [status, n]) => {
      sum[`${status[0]}xx`] = (sum[`${status[0]}xx`] ?? 0) + n;
      return sum;
    }, {});
    const after = await tableDigest(ctx);
    // every hostile request that mutates is in the audit log, and none of them as a success
    const audited = await ctx.prisma.$queryRawUnsafe<Array<{ outcome: string; n: number }>>(
      `SELECT outcome, count(*)::int AS n FROM ${AUDIT_TABLE} WHERE at >= $1 GROUP BY outcome`,
      startedAt,
    );
    expect(audited.filter((a) => a.outcome === 'ok')).toEqual([]);
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    console.log(
      `bad-input suite: ${cases.length} requests over ${operations.length} operations; status classes ${JSON.stringify(classes)}; ` +
        `statuses ${JSON.stringify(statuses)}; ${Object.keys(before).length} tables hashed, ${changed.length} changed; ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
    expect(changed).toEqual([]);
    expect(after).toEqual(before);
  }, 600_000);
});
