/** Examples of restore and copy requests, as the OpenAPI document shows them (secrets included: their shape is documented nowhere else). */

export const RESTORE_EXAMPLES = {
  dryRun: { summary: 'What a restore to version 12 would do', value: { to: '12', dryRun: true } },
  withSecrets: {
    summary: 'Back to yesterday, destinations only, deletes allowed, a secret Segment masks supplied',
    value: {
      to: '2026-01-30T00:00:00Z',
      allowDelete: true,
      select: { kinds: ['destination'] },
      secrets: [{ kind: 'destination', resource: 'webhooks-prod', field: 'settings.apiKey', value: 'sk_live_…' }],
    },
  },
};

export const COPY_EXAMPLES = {
  promote: {
    summary: 'Promote staging to production: web sources and their destinations, staging renamed',
    value: {
      from: { workspace: 'staging', at: 'latest' },
      to: 'production',
      include: { kinds: ['source', 'destination'], names: ['web-*'] },
      substitutions: [{ match: 'staging', replace: 'production', fields: ['name', 'settings.endpoint'] }],
      secrets: [{ kind: 'destination', resource: 'webhooks-prod', field: 'settings.apiKey', value: 'sk_live_…' }],
      dryRun: true,
    },
  },
};
