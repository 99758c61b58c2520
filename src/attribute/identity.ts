/** Identities: how commit authors become people (README "Identities"). */

const NOREPLY = /^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$/i

/** The login a GitHub noreply address carries (`[ID+]login@users.noreply.github.com`), lower-cased. */
export function noreplyLogin(email: string): string | undefined {
  const match = NOREPLY.exec(email.trim())
  return match ? match[1].toLowerCase() : undefined
}

/** Bots are reported under the identity they sign with. */
export function signature(name: string, email: string): string {
  return `${name} <${email}>`
}
