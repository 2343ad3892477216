import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = JSON.stringify({ event: 'snapshot.failed', id: 'e1' });

  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>" under the secret', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`sha256=${expected}`);
  });

  it('binds the timestamp: the same body at another time signs differently', () => {
    expect(signWebhook(secret, 1_700_000_000, body)).not.toBe(signWebhook(secret, 1_700_000_001, body));
  });

  it('verifies what it signed, and refuses another secret, a changed body or an old timestamp', () => {
    const now = 1_700_000_000;
    const headers = { signature: signWebhook(secret, now, body), timestamp: String(now) };
    expect(verifyWebhookSignature(secret, headers, body, { nowSeconds: now })).toBe(true);
    expect(verifyWebhookSignature('other', headers, body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature(secret, headers, `${body} `, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, { nowSeconds: now + 301 })).toBe(false);
    expect(verifyWebhookSignature(secret, { signature: undefined, timestamp: String(now) }, body, { nowSeconds: now })).toBe(false);
  });
});
