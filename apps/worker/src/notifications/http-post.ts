import { outboundUrlProblem } from '@app/application';

/** A send that did not succeed: the HTTP status when there was an answer, and whether retrying can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** How much of an error answer is kept (the delivery's last_error). */
const MAX_ANSWER = 300;

/**
 * POSTs JSON with a timeout; a 2xx answer is a success and anything else a DeliveryError (its
 * status and the start of its body). Redirects are not followed: a webhook is called where it
 * was configured, never where an answer points. The URL is checked again here (the allow-list
 * may have changed since the channel was made); a refused URL is not retried.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; httpAllowedHosts: readonly string[] },
): Promise<number> {
  const refused = outboundUrlProblem(url, options.httpAllowedHosts);
  if (refused) throw new DeliveryError(refused, null, true);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'segment-config-backup', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : String(error);
    throw new DeliveryError(`POST failed: ${reason}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return response.status;
  throw new DeliveryError(`HTTP ${response.status}${text ? `: ${text.slice(0, MAX_ANSWER)}` : ''}`, response.status);
}
