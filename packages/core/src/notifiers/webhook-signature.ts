import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-liveprogress-signature';
export const TIMESTAMP_HEADER = 'x-liveprogress-timestamp';

/** `sha256=<hex>` of HMAC-SHA256 over `${timestamp}.${body}`: the timestamp is signed so a captured request cannot be replayed later. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers: checks the signature and that the timestamp is within `toleranceMs` of now. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  toleranceMs = 5 * 60_000,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > toleranceMs) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
