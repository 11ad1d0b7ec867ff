import { html } from 'hono/html';
import { csrfField, type Html } from './layout';
import type { Session } from './session';

/** The body of `/ui/login`: one password field for `API_TOKEN`. */
export function loginBody(session: Session, next: string, error: string | null): Html {
  return html`<section class="login card" aria-labelledby="login-heading">
<h1 id="login-heading">Log in</h1>
<p>This server is protected by its <code>API_TOKEN</code>. Enter it to open the dashboard; the browser then keeps a
session cookie for 12 hours (the token itself is not stored).</p>
${error === null ? '' : html`<p class="notice bad" role="alert">${error}</p>`}
<form method="post" action="/ui/login">
  ${csrfField(session)}<input type="hidden" name="next" value="${next}">
  <div class="field"><label for="token">API token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus></div>
  <button type="submit">Log in</button>
</form>
</section>`;
}
