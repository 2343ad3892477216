import { KindDefinition } from '../kinds';
import { getAt, JsonObject } from '../json';
import { PatchOperation } from '../history/json-patch';
import { bodyChanges, fieldOf, redactSupplied, supplySecrets, touchesCreateOnly, unknownSecrets, withoutUnknownSecrets } from './bodies';
import { goesWithDeleted } from './deletes';
import { DesiredBody } from './desired';
import { addGap, addStep, Decision, describeResource, keyOf, PlanContext } from './plan-context';
import { PendingReference } from './types';
import { Resource } from '../resources';

/** One source resource to write, whichever way. */
interface Write {
  resource: Resource;
  definition: KindDefinition;
  /** The body stored and shown: target ids, placeholders, supplied secrets as a marker only. */
  body: JsonObject;
  pending: PendingReference[];
  waitFor: number[];
  secretsSupplied: string[];
}

/**
 * Plans the write of a source resource from its desired body: a create (or invite) when it has
 * no live counterpart, nothing when they do not differ, else an update, or a replace when a
 * create-only field differs or the kind cannot be updated.
 */
export function planWrite(
  context: PlanContext,
  resource: Resource,
  definition: KindDefinition,
  desired: DesiredBody,
  live: Resource | undefined,
): Decision {
  const { body: withSecrets, supplied, pointers } = supplySecrets(desired.body, context.options.secrets ?? [], resource);
  // what is stored and shown never holds a supplied value: the apply puts it back
  const shown = redactSupplied(
    withSecrets,
    live ? bodyChanges(definition, live.body, withSecrets, computedPointers(context, definition, resource.body)) : [],
    pointers,
  );
  const write: Write = {
    resource,
    definition,
    body: shown.body,
    pending: desired.pending,
    waitFor: desired.waitFor,
    secretsSupplied: supplied,
  };
  if (!live) return planCreate(context, write, withoutUnknownSecrets(withSecrets).missing);

  const ops = shown.ops;
  if (!ops.length) {
    context.unchanged++;
    return { type: 'keep', live };
  }
  const createOnly = ops.filter((op) => touchesCreateOnly(definition, op.path)).map((op) => fieldOf(op.path));
  if (createOnly.length || !definition.write?.update) {
    const why = createOnly.length
      ? `${[...new Set(createOnly)].join(', ')} cannot be changed after create`
      : `${definition.label}s cannot be updated`;
    return planReplace(context, write, live, withoutUnknownSecrets(withSecrets).missing, why);
  }
  return planUpdate(context, write, live, ops, secretsClearedByUpdate(definition, withSecrets, ops));
}

function planCreate(context: PlanContext, write: Write, secretsMissing: string[]): Decision {
  const { resource, definition } = write;
  const invite = definition.write?.mode === 'invite';
  if (invite) {
    const invitedAs = definition.write?.invitedAs;
    const invitationPending =
      !!invitedAs && context.live.resources.some((l) => l.kind === invitedAs && l.naturalKey === resource.naturalKey);
    addGap(
      context,
      'invite',
      resource,
      invitationPending
        ? `${describeResource(context.catalog, resource)} has a pending invitation; they must accept it`
        : `${describeResource(context.catalog, resource)} can only be invited again; they must accept the invitation`,
    );
    if (invitationPending) return { type: 'skip' };
  }
  const step = addStep(context, {
    action: invite ? 'invite' : 'create',
    kind: resource.kind,
    naturalKey: resource.naturalKey,
    displayName: definition.displayName(resource.body),
    originId: resource.id,
    after: write.body,
    pending: write.pending,
    dependsOn: [...write.pending.map((p) => p.step), ...write.waitFor],
    reason: context.options.mode === 'restore' ? 'missing from the live workspace' : 'not in the target workspace',
    secretsMissing,
    secretsSupplied: write.secretsSupplied,
  });
  if (secretsMissing.length)
    addGap(
      context,
      'secret',
      resource,
      `${describeResource(context.catalog, resource)} will be created without ${secretsMissing.join(', ')} (secret, unknown): supply them in \`secrets\``,
      true,
      secretsMissing,
    );
  return { type: 'create', step: step.index };
}

function planUpdate(context: PlanContext, write: Write, live: Resource, ops: PatchOperation[], secretsCleared: string[]): Decision {
  const { resource, definition, secretsSupplied } = write;
  if (secretsCleared.length)
    addGap(
      context,
      'secret',
      resource,
      `Updating ${describeResource(context.catalog, resource)} replaces what holds ${secretsCleared.join(', ')} (secret, unknown): it will be cleared unless supplied in \`secrets\``,
      true,
      secretsCleared,
    );
  const changedFields = ops.map((op) => fieldOf(op.path));
  const step = addStep(context, {
    action: 'update',
    kind: resource.kind,
    naturalKey: resource.naturalKey,
    displayName: definition.displayName(resource.body),
    originId: resource.id,
    liveId: live.id,
    before: live.body,
    beforeHash: live.hash,
    after: write.body,
    pending: write.pending,
    ops,
    dependsOn: [...write.pending.map((p) => p.step), ...write.waitFor],
    reason:
      secretsSupplied.length && changedFields.every((field) => secretsSupplied.includes(field))
        ? `set ${secretsSupplied.join(', ')} from the request`
        : `changed: ${[...new Set(changedFields)].join(', ')}`,
    secretsMissing: secretsCleared,
    secretsSupplied,
  });
  return { type: 'update', live, step: step.index };
}

/**
 * A replace deletes the live resource (unless Segment deletes it along with what it belongs to,
 * replaced too) and creates it again; the source resources that refer to it follow it to the new
 * one (pulled in), the live ones no source resource claims go with it (cascade).
 */
function planReplace(context: PlanContext, write: Write, live: Resource, secretsMissing: string[], why: string): Decision {
  const { resource, definition } = write;
  const removal = goesWithDeleted(context, live)
    ? undefined
    : addStep(context, {
        action: 'delete',
        kind: resource.kind,
        naturalKey: live.naturalKey,
        displayName: definition.displayName(live.body),
        originId: resource.id,
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
  const creation = addStep(context, {
    action: 'create',
    kind: resource.kind,
    naturalKey: resource.naturalKey,
    displayName: definition.displayName(resource.body),
    originId: resource.id,
    before: live.body,
    after: write.body,
    pending: write.pending,
    dependsOn: [...(removal ? [removal.index] : []), ...write.pending.map((p) => p.step), ...write.waitFor],
    reason: `replace: ${why}`,
    replace: true,
    secretsMissing,
    secretsSupplied: write.secretsSupplied,
  });
  const described = describeResource(context.catalog, resource);
  if (secretsMissing.length)
    addGap(
      context,
      'secret',
      resource,
      `${described} will be re-created without ${secretsMissing.join(', ')} (secret, unknown): supply them in \`secrets\``,
      true,
      secretsMissing,
    );
  for (const referrerKey of context.source.referrers.get(keyOf(resource)) ?? []) {
    if (context.inScope.has(referrerKey)) continue;
    const referrer = context.source.byKey.get(referrerKey)!;
    context.inScope.add(referrerKey);
    context.pulledIn.push({ kind: referrer.kind, naturalKey: referrer.naturalKey, neededBy: `${described} is replaced` });
  }
  for (const referrerKey of context.live.referrers.get(keyOf(live)) ?? []) {
    if (!context.claimedBy.has(referrerKey)) context.cascade.set(referrerKey, `${described}, which it refers to, is replaced`);
  }
  return { type: 'replace', live, step: creation.index };
}

/** The settings of this resource's catalog entry that Segment computes: out of every comparison. */
function computedPointers(context: PlanContext, definition: KindDefinition, body: JsonObject): string[] {
  const entry = definition.catalogEntry;
  const computed = context.options.computedSettings;
  if (!entry?.settings || !computed?.size) return [];
  const keys = computed.get(String(getAt(body, entry.pointer)));
  return keys ? [...keys].map((key) => `${entry.settings}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`) : [];
}

/** Unknown secrets inside objects the update sends whole: Segment will drop them. */
function secretsClearedByUpdate(definition: KindDefinition, desired: JsonObject, ops: Array<{ path: string }>): string[] {
  const unknown = unknownSecrets(desired);
  return (definition.write?.replaces ?? [])
    .filter((r) => r.always || ops.some((op) => op.path === r.pointer || op.path.startsWith(`${r.pointer}/`)))
    .flatMap((r) => unknown.filter((p) => p.startsWith(`${r.pointer}/`)))
    .map(fieldOf)
    .sort();
}
