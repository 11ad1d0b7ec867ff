/** How `@lbx/sync` phrases the way to override a safety valve, in a refused result's message. */
const SYNC_FORCE_PHRASE = /re-run with force: true/;

/**
 * A refused sync's message, with `@lbx/sync`'s generic "re-run with force: true" replaced by `hint`: the way to
 * force it in the app that prints the message (an HTTP body, a CLI flag). A message without that phrase gets the
 * hint appended, so the way to force is never lost.
 */
export function withForceHint(message: string, hint: string): string {
  return SYNC_FORCE_PHRASE.test(message) ? message.replace(SYNC_FORCE_PHRASE, hint) : `${message} To apply it anyway, ${hint}.`;
}
