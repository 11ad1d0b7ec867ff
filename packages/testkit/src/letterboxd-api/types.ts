import type { RequestHandler } from 'msw';
import type { FailRuleMatch } from '../faults/fail-rules';
import type { FakeMember } from '../letterboxd/types';

/** A failure to inject into the next matching request(s), after the token check. */
export interface FakeLetterboxdApiFailRule extends FailRuleMatch {
  /** 401 (token refused), 429, or a server error. */
  status: 401 | 429 | 500 | 502 | 503 | 504;
  /** `Retry-After` header in seconds (429/503). */
  retryAfter?: number;
}

/** Where the member's own relationship goes in `/films` items (to test clients that must not guess). */
export type FakeRelationshipMode = 'member' | 'missing' | 'other-member-first';

/** One request the fake received (the client secret is in the body, never in this log). */
export interface FakeLetterboxdApiRequest {
  method: string;
  /** Path under the API root, e.g. `/films`. */
  path: string;
  /** The query string, e.g. `?member=2b&perPage=100`, or `''`. */
  query: string;
  status: number;
}

/** Options of `createFakeLetterboxdApi`. */
export interface FakeLetterboxdApiOptions {
  /** API root the handlers answer for. Default `https://api.letterboxd.com/api/v0`. */
  baseUrl?: string;
  /** Site origin of the films' and lists' letterboxd links. Default `https://letterboxd.com`. */
  siteUrl?: string;
  /**
   * The dataset: the same members as the fake site (`generateMember`, `demoMembers`), their lists included
   * (private lists are unpublished: absent from `/lists`, 404 by id). Default `demoMembers`.
   */
  members?: FakeMember[];
  /** The valid client id. Default `fake-client-id`. */
  clientId?: string;
  /** The valid client secret. Default `fake-client-secret`. */
  clientSecret?: string;
  /** `expires_in` of issued tokens, in seconds. Default `3600`. */
  tokenLifetimeSeconds?: number;
  /** `token_type` of issued tokens. Default `bearer`. */
  tokenType?: string;
  /** Delay before every answer, in milliseconds. Default 0. */
  latencyMs?: number;
}

/** A stateful fake of Letterboxd's API v0 (the endpoints lbx reads), shaped on its documentation. */
export interface FakeLetterboxdApi {
  baseUrl: string;
  /** Use with `setupServer(...fake.handlers)` or `serveHandlers(...)`. */
  handlers: RequestHandler[];
  /** A `fetch` that answers from the fake in-process: inject it into a client. */
  fetch: typeof globalThis.fetch;
  /** The credentials the fake accepts. */
  credentials: { clientId: string; clientSecret: string };
  /** Members by username (lower-cased key). */
  members: Map<string, FakeMember>;
  /** Every request received, in order. */
  requests: FakeLetterboxdApiRequest[];
  /** The member's id (LID) in the fake. */
  memberId(username: string): string;
  /** How many tokens the fake has issued. */
  tokensIssued(): number;
  /** Make the next matching request(s) fail. */
  failNext(rule: FakeLetterboxdApiFailRule): void;
  /** Let every issued token expire now (the next call with one gets a 401). */
  expireTokens(): void;
  /** Revoke the credentials: the token endpoint refuses them and issued tokens stop working. */
  revokeCredentials(): void;
  /** The member opted out of the API: 404 for their id, absent from search. */
  optOut(username: string): void;
  /** Where the member's relationship goes in film items. Default `member`. */
  setRelationshipMode(mode: FakeRelationshipMode): void;
  /** Back to the initial dataset, credentials and mode; no failures, tokens or requests. */
  reset(): void;
}
