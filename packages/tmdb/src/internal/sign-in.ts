import type { AccessToken, RequestOptions, RequestToken } from '../types.js';
import type { Http } from './http.js';
import { assertText } from './input-checks.js';
import { accessTokenSchema, requestTokenSchema, statusSchema } from './schemas.js';

/** Where the user approves a request token (on the website, not the API host). */
export const APPROVE_URL = 'https://www.themoviedb.org/auth/access';

/** The v4 user sign-in: request token → approval in a browser → access token; and sign-out. */
export function createSignIn(http: Http) {
  return {
    async createRequestToken(options: { redirectTo?: string } & RequestOptions = {}): Promise<RequestToken> {
      const data = await http.send(
        {
          method: 'POST',
          path: '/4/auth/request_token',
          body: options.redirectTo ? { redirect_to: options.redirectTo } : {},
          auth: 'sign-in',
          retry: 'rate-limit-only',
          what: 'v4 request token',
        },
        requestTokenSchema,
        options,
      );
      const approveUrl = `${APPROVE_URL}?request_token=${encodeURIComponent(data.request_token)}`;
      return { requestToken: data.request_token, approveUrl };
    },

    async createAccessToken(requestToken: string, options: RequestOptions = {}): Promise<AccessToken> {
      assertText(requestToken, 'createAccessToken: requestToken');
      const data = await http.send(
        {
          method: 'POST',
          path: '/4/auth/access_token',
          body: { request_token: requestToken },
          auth: 'sign-in',
          retry: 'rate-limit-only',
          what: 'v4 access token',
        },
        accessTokenSchema,
        options,
      );
      return { accessToken: data.access_token, accountId: data.account_id };
    },

    async deleteAccessToken(accessToken: string, options: RequestOptions = {}): Promise<void> {
      assertText(accessToken, 'deleteAccessToken: accessToken');
      await http.send(
        {
          method: 'DELETE',
          path: '/4/auth/access_token',
          body: { access_token: accessToken },
          auth: 'sign-out',
          retry: 'rate-limit-only',
          what: 'v4 access token',
        },
        statusSchema,
        options,
      );
    },
  };
}
