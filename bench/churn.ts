/**
 * Changes about `share` of a simulated workspace through Segment's API, as a day of real edits
 * would: settings and filters edited, rules changed, a few destinations removed and labels added.
 */
export async function churn(simUrl: string, token: string, share: number, round: number): Promise<number> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${simUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as { data: any };
  };
  const counts = (
    (await fetch(`${simUrl}/__sim/workspaces`).then((r) => r.json())) as {
      workspaces: Array<{ tokens: Array<{ token: string }>; totalResources: number }>;
    }
  ).workspaces.find((w) => w.tokens.some((t) => t.token === token))!;
  const target = Math.max(1, Math.round(counts.totalResources * share));
  const destinations = (await call('GET', '/destinations?pagination[count]=1000')).data.destinations as Array<{
    id: string;
    enabled: boolean;
  }>;
  let changes = 0;
  const pick = <T>(items: T[], i: number) => items[(i * 7919 + round * 104729) % items.length]!;
  // 40%: toggle destinations
  for (let i = 0; changes < target * 0.4; i++, changes++) {
    const d = pick(destinations, i);
    await call('PATCH', `/destinations/${d.id}`, { enabled: !d.enabled });
  }
  // 25%: edit filters
  for (let i = 0; changes < target * 0.65 && i < destinations.length * 2; i++) {
    const d = pick(destinations, i + 1000);
    const filters = (await call('GET', `/destination/${d.id}/filters?pagination[count]=1000`)).data.filters as Array<{ id: string }>;
    if (!filters.length) continue;
    await call('PATCH', `/destination/${d.id}/filters/${filters[0]!.id}`, { if: `event = "Churn ${round}-${i}"` });
    changes++;
  }
  // 25%: change tracking-plan rules
  const plans = (await call('GET', '/tracking-plans?pagination[count]=1000')).data.trackingPlans as Array<{ id: string }>;
  for (let i = 0; changes < target * 0.9 && plans.length; i++) {
    const plan = pick(plans, i);
    const rules = (await call('GET', `/tracking-plans/${plan.id}/rules?pagination[count]=50`)).data.rules as Array<{
      type: string;
      key?: string;
      version: number;
      jsonSchema: Record<string, unknown>;
    }>;
    const rule = rules.find((r) => r.type === 'TRACK');
    if (!rule) continue;
    await call('PATCH', `/tracking-plans/${plan.id}/rules`, {
      rules: [
        { type: rule.type, key: rule.key, version: rule.version, jsonSchema: { ...rule.jsonSchema, description: `churn ${round}-${i}` } },
      ],
    });
    changes++;
  }
  // the rest: new labels
  for (let i = 0; changes < target; i++, changes++) await call('POST', '/labels', { label: { key: 'churn', value: `r${round}-${i}` } });
  return changes;
}
