import { KindCatalog } from '../kinds';
import { effectiveLabels } from '../history/labels';
import { NaturalKeyResolver } from '../snapshot';
import { Scope } from './types';
import { Resource } from '../resources';
import { globMatcher } from './glob';

/**
 * Whether a resource falls within a scope: every given criterion must hold (kinds, ids, names,
 * labels), and no exclusion may. Names match the natural key or the display name.
 */
export class ScopeMatcher {
  private readonly names?: Array<(text: string) => boolean>;
  private readonly excludedNames?: Array<(text: string) => boolean>;

  constructor(
    private readonly catalog: KindCatalog,
    private readonly scope: Scope = {},
  ) {
    this.names = scope.names?.map(globMatcher);
    this.excludedNames = scope.exclude?.names?.map(globMatcher);
  }

  /** True when the scope restricts nothing (a whole-workspace restore or copy). */
  get everything(): boolean {
    const s = this.scope;
    return !s.kinds?.length && !s.ids?.length && !s.names?.length && !s.labels?.length;
  }

  includes(resource: Resource, resolver: NaturalKeyResolver): boolean {
    const s = this.scope;
    if (s.kinds?.length && !s.kinds.includes(resource.kind)) return false;
    if (s.ids?.length && !s.ids.includes(resource.id)) return false;
    if (this.names && !this.names.some((match) => this.nameMatches(resource, match))) return false;
    if (s.labels?.length && !effectiveLabels(this.catalog, resolver, resource).some((label) => s.labels!.includes(label))) return false;
    return !this.excludes(resource, resolver);
  }

  excludes(resource: Resource, resolver: NaturalKeyResolver): boolean {
    const e = this.scope.exclude;
    if (!e) return false;
    if (e.kinds?.includes(resource.kind)) return true;
    if (this.excludedNames?.some((match) => this.nameMatches(resource, match))) return true;
    if (e.labels?.length && effectiveLabels(this.catalog, resolver, resource).some((label) => e.labels!.includes(label))) return true;
    return false;
  }

  private nameMatches(resource: Resource, match: (text: string) => boolean): boolean {
    const definition = this.catalog.has(resource.kind) ? this.catalog.get(resource.kind) : undefined;
    return match(resource.naturalKey) || (!!definition && match(definition.displayName(resource.body)));
  }
}
