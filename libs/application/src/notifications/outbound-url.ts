/**
 * Why a webhook or Slack URL may not be called, or undefined when it may: https anywhere, plain
 * http only to the hosts operators list (NOTIFY_HTTP_ALLOWLIST), no credentials in the URL.
 * Channels are created by admins only; this keeps a typo or a leaked admin key from turning
 * notifications into plain-text requests to internal services.
 */
export function outboundUrlProblem(value: string, httpAllowedHosts: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be an http(s) URL';
  if (!url.hostname) return 'url must name a host';
  if (url.username || url.password) return 'url must not carry credentials';
  if (url.protocol === 'http:' && !httpAllowedHosts.includes(url.hostname.toLowerCase()))
    return `url must use https (plain http only to hosts in NOTIFY_HTTP_ALLOWLIST; '${url.hostname}' is not)`;
  return undefined;
}
