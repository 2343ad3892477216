import { IllegalStateError, NotFoundError } from '../errors';
import { KindDefinition, KindName } from './kind';

/**
 * The ordered set of kinds. Order matters: a kind comes after every kind its references or its
 * parent point to, so that natural keys can be computed in one pass and reads can list parents
 * before children. The constructor checks it.
 */
export class KindCatalog {
  private readonly byName = new Map<KindName, KindDefinition>();

  constructor(readonly kinds: readonly KindDefinition[]) {
    kinds.forEach((definition, index) => {
      if (this.byName.has(definition.kind)) throw new IllegalStateError(`kind '${definition.kind}' is defined twice`);
      if (definition.parent && !this.byName.has(definition.parent.kind)) {
        throw new IllegalStateError(`kind '${definition.kind}' (#${index}) comes before its parent '${definition.parent.kind}'`);
      }
      if (definition.list.per && !this.byName.has(definition.list.per.kind)) {
        throw new IllegalStateError(
          `kind '${definition.kind}' (#${index}) comes before '${definition.list.per.kind}', which it is listed per`,
        );
      }
      this.byName.set(definition.kind, definition);
    });
  }

  get(kind: KindName): KindDefinition {
    const definition = this.byName.get(kind);
    if (!definition) throw new NotFoundError(`Unknown kind '${kind}'`, { kind, known: [...this.byName.keys()] });
    return definition;
  }

  has(kind: string): boolean {
    return this.byName.has(kind);
  }

  names(): KindName[] {
    return this.kinds.map((k) => k.kind);
  }

  children(kind: KindName): KindDefinition[] {
    return this.kinds.filter((k) => k.parent?.kind === kind);
  }

  /** A kind and every kind below it (children, grandchildren…). */
  descendants(kind: KindName): KindName[] {
    const out: KindName[] = [];
    const walk = (name: KindName) => {
      for (const child of this.children(name)) {
        out.push(child.kind);
        walk(child.kind);
      }
    };
    walk(kind);
    return out;
  }

  indexOf(kind: KindName): number {
    return this.kinds.findIndex((k) => k.kind === kind);
  }
}
