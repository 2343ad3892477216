import { KindCatalog, KindDefinition, ReferenceOccurrence, resourceKey } from '../kinds';
import { getAt, JsonObject, withChanges } from '../json';
import { NaturalKeyResolver } from '../snapshot';
import { batchSteps } from './batches';
import { bodyChanges, fieldOf, redactSupplied, supplySecrets, touchesCreateOnly, unknownSecrets, withoutUnknownSecrets } from './bodies';
import { orderSteps } from './order';
import { ScopeMatcher } from './scope';
import { Gap, PendingReference, placeholder, PlannedStep, PlanOptions, PlanResource, PlanResult, PlanSide, StepAction } from './types';

type Decision =
  | { type: 'keep'; live: PlanResource }
  | { type: 'update'; live: PlanResource; step: number }
  | { type: 'create'; step: number }
  | { type: 'replace'; live: PlanResource; step: number }
  | { type: 'skip' };

interface Desired {
  body: JsonObject;
  pending: PendingReference[];
  /** Steps to wait for that rewrite nothing (a label to create before it is used). */
  after: number[];
  blockedBy?: string;
}

const AMBIGUOUS = Symbol('ambiguous');

/**
 * Computes the steps that turn a live workspace into a source state: the engine behind restore
 * (source = the same workspace at an earlier version) and copy (source = another workspace).
 * Resources are matched by mapping, then id (restore), then natural key; references are
 * rewritten to the target's ids, or to the step that will create their target; create-only
 * changes become replaces that take what hangs off the resource along; deletes happen only when
 * allowed. Pure: both states are given, nothing is read or written.
 */
export function planChanges(catalog: KindCatalog, source: PlanSide, live: PlanSide, options: PlanOptions): PlanResult {
  return new Planner(catalog, source, live, options).run();
}

class Planner {
  private readonly sourceResolver: NaturalKeyResolver;
  private readonly liveResolver: NaturalKeyResolver;
  private readonly sourceByKey = new Map<string, PlanResource>();
  private readonly liveByKey = new Map<string, PlanResource>();
  private readonly matches = new Map<string, PlanResource | typeof AMBIGUOUS>();
  private readonly claimed = new Map<string, string>();
  private readonly decisions = new Map<string, Decision>();
  private readonly deciding = new Set<string>();
  private readonly scope: ScopeMatcher;
  private readonly inScope = new Set<string>();
  private readonly sourceReferrers = new Map<string, string[]>();
  private readonly liveReferrers = new Map<string, string[]>();
  /** Live resources that must go because something they hang off is replaced. */
  private readonly cascade = new Map<string, string>();
  /** Live resources this plan deletes (alone or as part of a replace). */
  private readonly deletedLive = new Set<string>();
  private readonly steps: PlannedStep[] = [];
  private readonly gaps: Gap[] = [];
  private readonly pulledIn: PlanResult['pulledIn'] = [];
  private readonly kept: PlanResult['kept'] = [];
  private readonly featureGaps = new Set<string>();
  private unchanged = 0;

  private readonly source: PlanSide;

  constructor(
    private readonly catalog: KindCatalog,
    source: PlanSide,
    private readonly live: PlanSide,
    private readonly options: PlanOptions,
  ) {
    this.source = options.transform ? transformed(catalog, source, options.transform) : source;
    this.sourceResolver = new NaturalKeyResolver(catalog, this.source.workspaceSlug, this.source.resources);
    this.liveResolver = new NaturalKeyResolver(catalog, live.workspaceSlug, live.resources);
    this.scope = new ScopeMatcher(catalog, options.scope);
  }

  run(): PlanResult {
    this.index();
    this.match();
    this.initialScope();
    for (const resource of this.sorted(this.source.resources)) {
      if (this.inScope.has(this.keyOf(resource))) this.decide(resource);
    }
    this.planDeletes();
    this.dependOnMovedReferences();
    return this.finish();
  }

  // ── indexes and matching ────────────────────────────────────────────────

  private index(): void {
    for (const r of this.source.resources) this.sourceByKey.set(this.keyOf(r), r);
    for (const r of this.live.resources) this.liveByKey.set(this.keyOf(r), r);
    const referrers = (side: PlanSide, resolver: NaturalKeyResolver, into: Map<string, string[]>) => {
      for (const r of side.resources) {
        if (!this.catalog.has(r.kind)) continue;
        for (const reference of this.catalog.get(r.kind).references(r.body)) {
          const target = resolver.target(reference.kind, reference.value, reference.by);
          if (!target) continue;
          const key = resourceKey(target.kind, target.id);
          const list = into.get(key);
          if (list) list.push(this.keyOf(r));
          else into.set(key, [this.keyOf(r)]);
        }
      }
    };
    referrers(this.source, this.sourceResolver, this.sourceReferrers);
    referrers(this.live, this.liveResolver, this.liveReferrers);
  }

  /** Mapping and id first (they are exact), then natural keys for what is left. */
  private match(): void {
    for (const s of this.source.resources) {
      const key = this.keyOf(s);
      const mapped = this.options.mappings?.get(key);
      const byId = mapped
        ? this.liveByKey.get(resourceKey(s.kind, mapped))
        : this.options.mode === 'restore'
          ? this.liveByKey.get(key)
          : undefined;
      if (byId && !this.claimed.has(this.keyOf(byId))) this.claim(s, byId);
    }
    const liveByNaturalKey = new Map<string, PlanResource[]>();
    for (const l of this.live.resources) {
      if (this.claimed.has(this.keyOf(l))) continue;
      const k = `${l.kind}\u0000${l.naturalKey}`;
      const same = liveByNaturalKey.get(k);
      if (same) same.push(l);
      else liveByNaturalKey.set(k, [l]);
    }
    const sourceCount = new Map<string, number>();
    for (const s of this.source.resources)
      sourceCount.set(`${s.kind}\u0000${s.naturalKey}`, (sourceCount.get(`${s.kind}\u0000${s.naturalKey}`) ?? 0) + 1);
    for (const s of this.source.resources) {
      if (this.matches.has(this.keyOf(s))) continue;
      const k = `${s.kind}\u0000${s.naturalKey}`;
      const candidates = liveByNaturalKey.get(k) ?? [];
      if ((sourceCount.get(k) ?? 0) > 1 || candidates.length > 1) {
        // Two resources with one natural key are never paired at random.
        if (this.options.mode === 'copy' || candidates.length > 1) this.matches.set(this.keyOf(s), AMBIGUOUS);
        continue;
      }
      if (candidates.length === 1) this.claim(s, candidates[0]!);
    }
    // A person invited again shows up as an invitation until they accept: it is theirs, not extra.
    for (const s of this.source.resources) {
      const invitedAs = this.catalog.has(s.kind) ? this.catalog.get(s.kind).write?.invitedAs : undefined;
      if (!invitedAs || this.matches.has(this.keyOf(s))) continue;
      const invitation = (liveByNaturalKey.get(`${invitedAs}\u0000${s.naturalKey}`) ?? []).find((l) => !this.claimed.has(this.keyOf(l)));
      if (invitation) this.claimed.set(this.keyOf(invitation), this.keyOf(s));
    }
  }

  private claim(s: PlanResource, l: PlanResource): void {
    this.matches.set(this.keyOf(s), l);
    this.claimed.set(this.keyOf(l), this.keyOf(s));
  }

  // ── scope ───────────────────────────────────────────────────────────────

  private initialScope(): void {
    for (const s of this.source.resources) if (this.scope.includes(s, this.sourceResolver)) this.inScope.add(this.keyOf(s));
    if (this.scope.everything) return;
    // What hangs off a selected resource (a destination's filters) comes with it.
    const queue = [...this.inScope];
    while (queue.length) {
      const key = queue.pop()!;
      const parent = this.sourceByKey.get(key)!;
      for (const child of this.sourceReferrers.get(key) ?? []) {
        const resource = this.sourceByKey.get(child)!;
        if (this.inScope.has(child) || this.catalog.get(resource.kind).parent?.kind !== parent.kind) continue;
        if (this.scope.excludes(resource, this.sourceResolver)) continue;
        this.inScope.add(child);
        queue.push(child);
      }
    }
  }

  // ── decisions ───────────────────────────────────────────────────────────

  private decide(s: PlanResource): Decision {
    const key = this.keyOf(s);
    const known = this.decisions.get(key);
    if (known) return known;
    if (this.deciding.has(key)) {
      this.gap('cycle', s, `${this.describe(s)} refers to itself through other resources; it is not planned`);
      return { type: 'skip' };
    }
    this.deciding.add(key);
    const decision = this.decideOnce(s);
    this.deciding.delete(key);
    this.decisions.set(key, decision);
    return decision;
  }

  private decideOnce(s: PlanResource): Decision {
    const definition = this.catalog.get(s.kind);
    const unavailable = this.options.unavailableKinds?.get(s.kind);
    if (unavailable) {
      if (!this.featureGaps.has(s.kind)) {
        this.featureGaps.add(s.kind);
        this.gap('feature', s, `The target workspace cannot hold ${definition.label}s: ${unavailable}`, false);
      }
      return { type: 'skip' };
    }
    const match = this.matches.get(this.keyOf(s));
    if (match === AMBIGUOUS) {
      this.gap('ambiguous', s, `${this.describe(s)}: several resources share the natural key '${s.naturalKey}'; none is written`);
      return { type: 'skip' };
    }
    const entry = definition.catalogEntry ? getAt(s.body, definition.catalogEntry.pointer) : undefined;
    if (!match && typeof entry === 'string' && this.options.missingCatalogEntries?.has(entry)) {
      this.gap('catalog', s, `${this.describe(s)} cannot be created: the target workspace's catalog has no entry '${entry}'`);
      return { type: 'skip' };
    }
    if (!definition.write || definition.readOnly) {
      if (match) return { type: 'keep', live: match };
      this.gap('read-only', s, `${this.describe(s)} does not exist in the target and cannot be created through Segment's API`);
      return { type: 'skip' };
    }
    const desired = this.desired(s, definition);
    if (desired.blockedBy) {
      this.gap('missing-reference', s, `${this.describe(s)} is not written: it needs ${desired.blockedBy}`);
      return { type: 'skip' };
    }
    // the common case, cheaply: same content, references unchanged, nothing supplied
    if (match && match.hash === s.hash && desired.body === s.body && !this.options.secrets?.length) {
      this.unchanged++;
      return { type: 'keep', live: match };
    }
    const { body: withSecrets, supplied, pointers } = supplySecrets(desired.body, this.options.secrets ?? [], s);
    const missing = match ? [] : withoutUnknownSecrets(withSecrets).missing;
    // what is stored and shown never holds a supplied value: the apply puts it back
    const shown = redactSupplied(
      withSecrets,
      match ? bodyChanges(definition, match.body, withSecrets, this.computedPointers(definition, s.body)) : [],
      pointers,
    );
    if (!match) return this.planCreate(s, definition, shown.body, desired.pending, desired.after, supplied, missing);

    const ops = shown.ops;
    if (!ops.length) {
      this.unchanged++;
      return { type: 'keep', live: match };
    }
    const createOnly = ops.filter((op) => touchesCreateOnly(definition, op.path)).map((op) => fieldOf(op.path));
    if (createOnly.length || !definition.write.update) {
      const why = createOnly.length
        ? `${[...new Set(createOnly)].join(', ')} cannot be changed after create`
        : `${definition.label}s cannot be updated`;
      return this.planReplace(
        s,
        definition,
        match,
        shown.body,
        desired.pending,
        desired.after,
        supplied,
        withoutUnknownSecrets(withSecrets).missing,
        why,
      );
    }
    const cleared = this.secretsClearedByUpdate(definition, withSecrets, ops);
    if (cleared.length)
      this.gap(
        'secret',
        s,
        `Updating ${this.describe(s)} replaces what holds ${cleared.join(', ')} (secret, unknown): it will be cleared unless supplied in \`secrets\``,
        true,
        cleared,
      );
    const step = this.addStep({
      action: 'update',
      kind: s.kind,
      naturalKey: s.naturalKey,
      displayName: definition.displayName(s.body),
      originId: s.id,
      liveId: match.id,
      before: match.body,
      beforeHash: match.hash,
      after: shown.body,
      pending: desired.pending,
      ops,
      dependsOn: [...desired.pending.map((p) => p.step), ...desired.after],
      reason:
        supplied.length && ops.every((op) => supplied.includes(fieldOf(op.path)))
          ? `set ${supplied.join(', ')} from the request`
          : `changed: ${ops
              .map((op) => fieldOf(op.path))
              .filter((f, i, all) => all.indexOf(f) === i)
              .join(', ')}`,
      secretsMissing: cleared,
      secretsSupplied: supplied,
    });
    return { type: 'update', live: match, step: step.index };
  }

  /** The settings of this resource's catalog entry that Segment computes: out of every comparison. */
  private computedPointers(definition: KindDefinition, body: JsonObject): string[] {
    const entry = definition.catalogEntry;
    if (!entry?.settings || !this.options.computedSettings?.size) return [];
    const keys = this.options.computedSettings.get(String(getAt(body, entry.pointer)));
    return keys ? [...keys].map((key) => `${entry.settings}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`) : [];
  }

  /** Unknown secrets inside objects the update sends whole: Segment will drop them. */
  private secretsClearedByUpdate(definition: KindDefinition, desired: JsonObject, ops: Array<{ path: string }>): string[] {
    const unknown = unknownSecrets(desired);
    return (definition.write?.replaces ?? [])
      .filter((r) => r.always || ops.some((op) => op.path === r.pointer || op.path.startsWith(`${r.pointer}/`)))
      .flatMap((r) => unknown.filter((p) => p.startsWith(`${r.pointer}/`)))
      .map(fieldOf)
      .sort();
  }

  private planCreate(
    s: PlanResource,
    definition: KindDefinition,
    body: JsonObject,
    pending: PendingReference[],
    waitFor: number[],
    supplied: string[],
    missing: string[],
  ): Decision {
    const invite = definition.write!.mode === 'invite';
    if (invite) {
      const invitedAs = definition.write!.invitedAs;
      const pending = !!invitedAs && this.live.resources.some((l) => l.kind === invitedAs && l.naturalKey === s.naturalKey);
      this.gap(
        'invite',
        s,
        pending
          ? `${this.describe(s)} has a pending invitation; they must accept it`
          : `${this.describe(s)} can only be invited again; they must accept the invitation`,
      );
      if (pending) return { type: 'skip' };
    }
    const step = this.addStep({
      action: invite ? 'invite' : 'create',
      kind: s.kind,
      naturalKey: s.naturalKey,
      displayName: definition.displayName(s.body),
      originId: s.id,
      after: body,
      pending,
      dependsOn: [...pending.map((p) => p.step), ...waitFor],
      reason: this.options.mode === 'restore' ? 'missing from the live workspace' : 'not in the target workspace',
      secretsMissing: missing,
      secretsSupplied: supplied,
    });
    if (missing.length)
      this.gap(
        'secret',
        s,
        `${this.describe(s)} will be created without ${missing.join(', ')} (secret, unknown): supply them in \`secrets\``,
        true,
        missing,
      );
    return { type: 'create', step: step.index };
  }

  private planReplace(
    s: PlanResource,
    definition: KindDefinition,
    live: PlanResource,
    body: JsonObject,
    pending: PendingReference[],
    waitFor: number[],
    supplied: string[],
    missing: string[],
    why: string,
  ): Decision {
    // Segment deletes it along with what it belongs to, when that is being replaced too
    const removal = this.goesWithDeleted(live)
      ? undefined
      : this.addStep({
          action: 'delete',
          kind: s.kind,
          naturalKey: live.naturalKey,
          displayName: definition.displayName(live.body),
          originId: s.id,
          liveId: live.id,
          before: live.body,
          beforeHash: live.hash,
          pending: [],
          dependsOn: [],
          reason: `replace: ${why}`,
          replace: true,
          secretsMissing: [],
          secretsSupplied: [],
        });
    const creation = this.addStep({
      action: 'create',
      kind: s.kind,
      naturalKey: s.naturalKey,
      displayName: definition.displayName(s.body),
      originId: s.id,
      before: live.body,
      after: body,
      pending,
      dependsOn: [...(removal ? [removal.index] : []), ...pending.map((p) => p.step), ...waitFor],
      reason: `replace: ${why}`,
      replace: true,
      secretsMissing: missing,
      secretsSupplied: supplied,
    });
    if (missing.length)
      this.gap(
        'secret',
        s,
        `${this.describe(s)} will be re-created without ${missing.join(', ')} (secret, unknown): supply them in \`secrets\``,
        true,
        missing,
      );
    // Everything that refers to the old resource must follow it to the new one.
    for (const referrer of this.sourceReferrers.get(this.keyOf(s)) ?? []) {
      if (this.inScope.has(referrer)) continue;
      const resource = this.sourceByKey.get(referrer)!;
      this.inScope.add(referrer);
      this.pulledIn.push({ kind: resource.kind, naturalKey: resource.naturalKey, neededBy: `${this.describe(s)} is replaced` });
    }
    for (const referrer of this.liveReferrers.get(this.keyOf(live)) ?? []) {
      if (!this.claimed.has(referrer)) this.cascade.set(referrer, `${this.describe(s)}, which it refers to, is replaced`);
    }
    return { type: 'replace', live, step: creation.index };
  }

  /** The source body with every reference pointing into the target workspace. */
  private desired(s: PlanResource, definition: KindDefinition): Desired {
    const base = s.body;
    const changes: Array<[string, unknown]> = [];
    const pending: PendingReference[] = [];
    const after: number[] = [];
    const done = new Set<string>();
    for (const reference of definition.references(s.body)) {
      if (done.has(reference.pointer)) continue;
      const target = this.sourceResolver.target(reference.kind, reference.value, reference.by);
      if (!target) continue; // global (a catalog id) or dangling: kept as it is
      done.add(reference.pointer);
      const resolved = this.resolveReference(s, reference, this.sourceByKey.get(this.keyOf(target))!);
      if ('blockedBy' in resolved) return { body: base, pending, after, blockedBy: resolved.blockedBy };
      if (reference.stable) {
        if (resolved.step !== undefined) after.push(resolved.step);
        continue;
      }
      if (resolved.value !== reference.value || resolved.step !== undefined) changes.push([reference.pointer, resolved.value]);
      if (resolved.step !== undefined)
        pending.push({ pointer: reference.pointer, step: resolved.step, ...(reference.by ? { by: reference.by } : {}) });
    }
    return { body: withChanges(base, changes), pending, after };
  }

  private resolveReference(
    from: PlanResource,
    reference: ReferenceOccurrence,
    target: PlanResource,
  ): { value: unknown; step?: number } | { blockedBy: string } {
    const key = this.keyOf(target);
    if (!this.inScope.has(key)) {
      const match = this.matches.get(key);
      if (match && match !== AMBIGUOUS) return { value: this.valueOf(match, reference) };
      if (this.scope.excludes(target, this.sourceResolver)) return { blockedBy: `${this.describe(target)}, which is excluded` };
      this.inScope.add(key);
      this.pulledIn.push({ kind: target.kind, naturalKey: target.naturalKey, neededBy: this.describe(from) });
    }
    const decision = this.decide(target);
    switch (decision.type) {
      case 'keep':
      case 'update':
        return { value: this.valueOf(decision.live, reference) };
      case 'create':
      case 'replace':
        return { value: placeholder(decision.step), step: decision.step };
      default:
        return { blockedBy: `${this.describe(target)}, which cannot be written` };
    }
  }

  private valueOf(live: PlanResource, reference: ReferenceOccurrence): unknown {
    return reference.by ? getAt(live.body, `/${reference.by}`) : live.id;
  }

  // ── deletes ─────────────────────────────────────────────────────────────

  private planDeletes(): void {
    const candidates: Array<{ live: PlanResource; reason: string }> = [];
    const mappedTargets = new Set(this.options.mappings?.values() ?? []);
    for (const l of this.sorted(this.live.resources).reverse()) {
      const key = this.keyOf(l);
      if (this.claimed.has(key) || !this.catalog.has(l.kind)) continue;
      const definition = this.catalog.get(l.kind);
      if (!definition.write || definition.readOnly || this.options.unavailableKinds?.has(l.kind)) continue;
      const cascade = this.cascade.get(key);
      if (cascade) {
        candidates.push({ live: l, reason: `removed: ${cascade}` });
        continue;
      }
      if (!this.inDeleteScope(l)) continue;
      // A kind whose "absence" is Segment's defaults is put back to them, like any other change,
      // when what it belongs to is itself part of the source.
      const toDefaults = !!definition.isDefault && this.parentClaimed(l);
      const fromSource = this.options.mode === 'restore' || this.options.deleteUnmapped || mappedTargets.has(l.id);
      if ((this.options.allowDelete && fromSource) || toDefaults) {
        candidates.push({
          live: l,
          reason: toDefaults
            ? "back to Segment's defaults"
            : this.options.mode === 'restore'
              ? 'not in the version restored'
              : 'not in the source workspace',
        });
      } else {
        this.kept.push({ kind: l.kind, naturalKey: l.naturalKey, id: l.id });
      }
    }
    for (const { live } of candidates) this.deletedLive.add(this.keyOf(live));
    for (const { live: l, reason } of candidates) {
      const definition = this.catalog.get(l.kind);
      if (this.goesWithDeleted(l)) continue;
      this.addStep({
        action: 'delete',
        kind: l.kind,
        naturalKey: l.naturalKey,
        displayName: definition.displayName(l.body),
        liveId: l.id,
        before: l.body,
        beforeHash: l.hash,
        pending: [],
        dependsOn: [],
        reason,
        secretsMissing: [],
        secretsSupplied: [],
      });
    }
  }

  private parentClaimed(l: PlanResource): boolean {
    const parentKind = this.catalog.get(l.kind).parent?.kind;
    if (!parentKind) return false;
    return this.catalog
      .get(l.kind)
      .references(l.body)
      .filter((r) => r.kind === parentKind)
      .some((r) => {
        const target = this.liveResolver.target(r.kind, r.value, r.by);
        return !!target && this.claimed.has(resourceKey(target.kind, target.id));
      });
  }

  /** A live resource Segment deletes itself when something it refers to is deleted by this plan. */
  private goesWithDeleted(l: PlanResource): boolean {
    const definition = this.catalog.get(l.kind);
    if (!definition.deletedWith?.length) return false;
    return definition
      .references(l.body)
      .filter((r) => definition.deletedWith!.includes(r.kind))
      .some((r) => {
        const target = this.liveResolver.target(r.kind, r.value, r.by);
        return !!target && this.deletedLive.has(resourceKey(target.kind, target.id));
      });
  }

  private inDeleteScope(l: PlanResource): boolean {
    if (this.scope.everything) return !this.scope.excludes(l, this.liveResolver);
    const ids = this.options.scope?.ids;
    if (ids?.length && this.options.mode === 'restore') return ids.includes(l.id) && this.scope.includes({ ...l }, this.liveResolver);
    return this.scope.includes(l, this.liveResolver);
  }

  /**
   * A delete waits for what stops referring to the deleted resource: the deletes of its
   * referrers, and updates that point them elsewhere.
   */
  private dependOnMovedReferences(): void {
    const deleteOf = new Map(this.steps.filter((s) => s.action === 'delete').map((s) => [resourceKey(s.kind, s.liveId!), s]));
    const updateOf = new Map(this.steps.filter((s) => s.action === 'update').map((s) => [resourceKey(s.kind, s.liveId!), s]));
    for (const [key, removal] of deleteOf) {
      for (const referrer of this.liveReferrers.get(key) ?? []) {
        const first = deleteOf.get(referrer) ?? updateOf.get(referrer);
        if (first && first.index !== removal.index && !removal.dependsOn.includes(first.index)) removal.dependsOn.push(first.index);
      }
    }
  }

  // ── output ──────────────────────────────────────────────────────────────

  private finish(): PlanResult {
    const batched = batchSteps(this.catalog, this.steps);
    const catalogIndex = (kind: string) => this.catalog.indexOf(kind);
    const { order, cycle } = orderSteps(batched, (step) => {
      const removal = step.action === 'delete' || step.action === 'delete-batch';
      return [removal && !step.replace ? 1 : 0, removal ? -catalogIndex(step.kind) : catalogIndex(step.kind), step.naturalKey];
    });
    if (cycle.length) {
      const names = cycle.map((i) => batched.find((s) => s.index === i)!).map((s) => `${s.action} ${s.kind} '${s.naturalKey}'`);
      this.gaps.push({ type: 'cycle', kind: '*', message: `These steps wait for each other and cannot be ordered: ${names.join('; ')}` });
    }
    const steps = renumber(batched, [...order, ...cycle]);
    const totals = {
      create: 0,
      update: 0,
      delete: 0,
      invite: 0,
      'upsert-batch': 0,
      'delete-batch': 0,
      unchanged: this.unchanged,
    } as PlanResult['totals'];
    for (const step of steps) totals[step.action as StepAction]++;
    return { steps, gaps: this.gaps, pulledIn: this.pulledIn, kept: this.kept, totals };
  }

  private addStep(step: Omit<PlannedStep, 'index'>): PlannedStep {
    const planned = { ...step, index: this.steps.length + 1 } as PlannedStep;
    if (planned.action === 'delete' && planned.liveId) this.deletedLive.add(resourceKey(planned.kind, planned.liveId));
    this.steps.push(planned);
    return planned;
  }

  private gap(type: Gap['type'], s: PlanResource, message: string, named = true, fields?: string[]): void {
    this.gaps.push({ type, kind: s.kind, ...(named ? { naturalKey: s.naturalKey } : {}), ...(fields ? { fields } : {}), message });
  }

  private describe(r: PlanResource): string {
    const definition = this.catalog.get(r.kind);
    return `${definition.label} '${definition.displayName(r.body) || r.naturalKey}'`;
  }

  private keyOf(r: { kind: string; id: string }): string {
    return resourceKey(r.kind, r.id);
  }

  private sorted(resources: PlanResource[]): PlanResource[] {
    const order = new Map(this.catalog.names().map((name, i) => [name, i]));
    return [...resources].sort(
      (a, b) =>
        (order.get(a.kind) ?? 999) - (order.get(b.kind) ?? 999) || (a.naturalKey < b.naturalKey ? -1 : a.naturalKey > b.naturalKey ? 1 : 0),
    );
  }
}

/**
 * The source as it will be written: bodies transformed (copy's substitutions), natural keys
 * recomputed from them, so that a renamed-by-substitution resource matches its target.
 */
function transformed(catalog: KindCatalog, side: PlanSide, transform: NonNullable<PlanOptions['transform']>): PlanSide {
  // a transformed body has no known hash: it is compared in full
  const resources = side.resources.map((r) => {
    const body = transform(r, r.body);
    return { ...r, body, hash: body === r.body ? r.hash : '' };
  });
  const resolver = new NaturalKeyResolver(catalog, side.workspaceSlug, resources);
  return {
    workspaceSlug: side.workspaceSlug,
    resources: resources.map((r) => ({ ...r, naturalKey: catalog.has(r.kind) ? resolver.naturalKey(r.kind, r.id) : r.naturalKey })),
  };
}

/** Steps numbered 1…n in execution order; dependencies and placeholders follow. */
function renumber(steps: PlannedStep[], order: number[]): PlannedStep[] {
  const position = new Map(order.map((index, i) => [index, i + 1]));
  const byIndex = new Map(steps.map((s) => [s.index, s]));
  const move = (pending: PendingReference[], body: JsonObject | undefined) => {
    const next = pending.map((p) => ({ ...p, step: position.get(p.step)! }));
    return {
      pending: next,
      body:
        body && next.length
          ? withChanges(
              body,
              next.map((p) => [p.pointer, placeholder(p.step)] as const),
            )
          : body,
    };
  };
  return order.map((index) => {
    const step = byIndex.get(index)!;
    const { pending, body } = move(step.pending, step.after);
    return {
      ...step,
      index: position.get(index)!,
      after: body,
      pending,
      dependsOn: [...new Set(step.dependsOn.map((d) => position.get(d)!))].sort((a, b) => a - b),
      ...(step.items
        ? {
            items: step.items.map((item) => {
              const moved = move(item.pending, item.after);
              return { ...item, pending: moved.pending, after: moved.body };
            }),
          }
        : {}),
    };
  });
}
