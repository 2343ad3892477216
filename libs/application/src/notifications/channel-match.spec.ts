import { channelMatches } from './channel-match';
import { outboundUrlProblem } from './outbound-url';

describe('channelMatches', () => {
  const event = { event: 'snapshot.failed', workspaceId: 'ws-1' };
  const channel = { enabled: true, events: ['snapshot.failed', 'plan.failed'], workspaceId: null };

  it('a global channel subscribed to the event receives it from any workspace', () => {
    expect(channelMatches(channel, event)).toBe(true);
    expect(channelMatches(channel, { ...event, workspaceId: 'ws-2' })).toBe(true);
  });

  it("a workspace's channel receives its own workspace's events only", () => {
    expect(channelMatches({ ...channel, workspaceId: 'ws-1' }, event)).toBe(true);
    expect(channelMatches({ ...channel, workspaceId: 'ws-2' }, event)).toBe(false);
  });

  it('a disabled channel, or one not subscribed to the event, receives nothing', () => {
    expect(channelMatches({ ...channel, enabled: false }, event)).toBe(false);
    expect(channelMatches({ ...channel, events: ['plan.ready'] }, event)).toBe(false);
    expect(channelMatches({ ...channel, events: [] }, event)).toBe(false);
  });
});

describe('outboundUrlProblem', () => {
  it('allows https anywhere and http only to listed hosts', () => {
    expect(outboundUrlProblem('https://hooks.example.com/x', [])).toBeUndefined();
    expect(outboundUrlProblem('http://127.0.0.1:8080/hook', ['127.0.0.1'])).toBeUndefined();
    expect(outboundUrlProblem('http://127.0.0.1:8080/hook', [])).toMatch(/NOTIFY_HTTP_ALLOWLIST/);
    expect(outboundUrlProblem('http://169.254.169.254/latest', ['127.0.0.1'])).toMatch(/https/);
  });

  it('refuses other schemes, relative URLs and credentials', () => {
    expect(outboundUrlProblem('file:///etc/passwd', [])).toMatch(/http\(s\)/);
    expect(outboundUrlProblem('/relative', [])).toMatch(/absolute/);
    expect(outboundUrlProblem('https://user:pw@example.com/', [])).toMatch(/credentials/);
  });
});
