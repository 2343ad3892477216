import { whatIsLeft } from './what-is-left';

const nothing = { failed: [], differences: [], secretsMissing: [], invitesPending: [], computedBySegment: [], otherGaps: [] };

describe('whatIsLeft', () => {
  it('is empty when everything was done: the plan completes', () => {
    expect(whatIsLeft(nothing)).toEqual([]);
  });

  it('names each thing left undone, by resource', () => {
    const left = whatIsLeft({
      ...nothing,
      failed: [
        { step: 4, action: 'create', kind: 'destination', naturalKey: 'web / Amplitude', status: 'failed', error: '422 bad setting' },
      ],
      secretsMissing: [{ kind: 'destination', naturalKey: 'web / Braze', fields: ['settings.apiKey'] }],
      invitesPending: [{ kind: 'user', naturalKey: 'ana@example.com', message: 'invited; the person must accept' }],
      computedBySegment: [{ kind: 'destination', naturalKey: 'web / GA', fields: ['settings.version'] }],
      otherGaps: [{ type: 'feature', kind: 'reverse_etl_model', naturalKey: 'orders', message: 'the workspace lacks Reverse ETL' }],
      differences: [{ action: 'update', kind: 'source', naturalKey: 'web', reason: 'enabled differs' }],
    });
    expect(left).toEqual([
      "step 4 (create destination 'web / Amplitude') failed: 422 bad setting",
      "destination 'web / Braze': secret settings.apiKey not supplied",
      "user 'ana@example.com': invited; the person must accept",
      "destination 'web / GA': settings.version did not take (Segment sets it itself)",
      "reverse_etl_model 'orders': the workspace lacks Reverse ETL",
      "source 'web' still differs (update: enabled differs)",
    ]);
  });
});
