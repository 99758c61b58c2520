/** Identities: how commit authors become people (README "Identities"). */

const NOREPLY = /^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$/i

/** The login a GitHub noreply address carries (`[ID+]login@users.noreply.github.com`), lower-cased. */
export function noreplyLogin(email: string): string | undefined {
  const match = NOREPLY.exec(email.trim())
  return match ? match[1].toLowerCase() : undefined
}

/** The UTC day (YYYY-MM-DD) of an ISO 8601 timestamp with any offset; undefined when unreadable. */
export function utcDay(timestamp: string): string | undefined {
  const ms = Date.parse(timestamp)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10)
}

/** Bots are reported under the identity they sign with. */
export function signature(name: string, email: string): string {
  return `${name} <${email}>`
}
