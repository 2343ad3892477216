import { IntegrationCatalog, sharedIntegrationCatalog } from '../integration-catalog/integration-catalog';
import { Feature, WorkspaceState } from './workspace-state';

export interface TokenInfo {
  token: string;
  /** What the audit trail shows as the actor: `public-api-token/<tokenId>`. */
  tokenId: string;
  workspace: WorkspaceState;
  /** Without Source Admin, `writeKeys` come back empty (as documented). */
  sourceAdmin: boolean;
}

/** All workspaces the simulator serves, each reached by its own bearer tokens. */
export class SimState {
  readonly catalog: IntegrationCatalog = sharedIntegrationCatalog();
  readonly workspaces = new Map<string, WorkspaceState>();
  readonly tokens = new Map<string, TokenInfo>();

  add(workspace: WorkspaceState, tokens: Array<{ token: string; sourceAdmin?: boolean }>): void {
    if (this.workspaces.has(workspace.slug)) throw new Error(`workspace '${workspace.slug}' exists`);
    this.workspaces.set(workspace.slug, workspace);
    tokens.forEach((t) => this.addToken(workspace, t.token, t.sourceAdmin ?? true));
  }

  addToken(workspace: WorkspaceState, token: string, sourceAdmin: boolean, tokenId = workspace.ids.base62(8)): void {
    if (!token) throw new Error('a token must not be empty');
    if (this.tokens.has(token)) throw new Error('token already in use');
    this.tokens.set(token, { token, tokenId, workspace, sourceAdmin });
  }

  remove(slug: string): boolean {
    const workspace = this.workspaces.get(slug);
    if (!workspace) return false;
    this.workspaces.delete(slug);
    for (const [token, info] of this.tokens) if (info.workspace === workspace) this.tokens.delete(token);
    return true;
  }

  tokensOf(workspace: WorkspaceState): TokenInfo[] {
    return [...this.tokens.values()].filter((info) => info.workspace === workspace);
  }

  setFeatures(slug: string, features: Feature[]): void {
    const workspace = this.workspaces.get(slug);
    if (!workspace) throw new Error(`unknown workspace '${slug}'`);
    workspace.features.clear();
    features.forEach((f) => workspace.features.add(f));
  }
}
