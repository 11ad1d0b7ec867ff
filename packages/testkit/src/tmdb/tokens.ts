import type { FakeTmdbCredentials } from './types.js';

const APP_AUDIENCE = '5f1d3c2b9a8e7d6c5b4a39281706f5e4';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped token with TMDb's claims (unsigned: the signature part is filler). */
export function mintToken(claims: Record<string, unknown>, serial: number): string {
  const signature = Buffer.from(`fake-signature-${serial}`).toString('base64url');
  return `${base64url({ alg: 'HS256' })}.${base64url({ aud: APP_AUDIENCE, ...claims, version: 2 })}.${signature}`;
}

/** The fixed credentials every fake instance accepts. */
export function defaultCredentials(): FakeTmdbCredentials {
  const accountId = '64a1b2c3d4e5f60718293a4b';
  return {
    apiKey: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    readAccessToken: mintToken({ sub: '5a6b7c8d9e0f1a2b3c4d5e6f', scopes: ['api_read'], version: 1 }, 0),
    userAccessToken: mintToken({ sub: accountId, jti: 'seed', scopes: ['api_read', 'api_write'] }, 1),
    accountId,
  };
}
