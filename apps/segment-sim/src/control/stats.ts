/** Request counters, so that tests and benchmarks can see what the client really sent. */
export class Stats {
  private total = 0;
  private readonly byOperation = new Map<string, number>();
  private readonly byStatus = new Map<number, number>();
  private readonly byWorkspace = new Map<string, number>();

  record(operationId: string, status: number, workspace?: string): void {
    this.total += 1;
    this.byOperation.set(operationId, (this.byOperation.get(operationId) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (workspace) this.byWorkspace.set(workspace, (this.byWorkspace.get(workspace) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.byOperation.clear();
    this.byStatus.clear();
    this.byWorkspace.clear();
  }

  snapshot(): {
    total: number;
    byOperation: Record<string, number>;
    byStatus: Record<string, number>;
    byWorkspace: Record<string, number>;
  } {
    return {
      total: this.total,
      byOperation: Object.fromEntries(this.byOperation),
      byStatus: Object.fromEntries([...this.byStatus].map(([k, v]) => [String(k), v])),
      byWorkspace: Object.fromEntries(this.byWorkspace),
    };
  }
}
