import { createHmac } from 'node:crypto';

/** What a site's backend does to vouch for a user: hex(HMAC-SHA256(secret, distinct_id)). */
export const identityHash = (distinctId: string, secret = 'demo-identity-secret') =>
  createHmac('sha256', secret).update(distinctId).digest('hex');

export const identity = (distinctId: string) => ({ identity_distinct_id: distinctId, identity_hash: identityHash(distinctId) });
