/**
 * Bot recognition (README "Bots"): `[bot]` accounts, automation-looking email local parts, gitdm's `(Robots)`
 * pseudo-company, and a user list. Bots are counted apart and kept out of every people metric.
 */

export interface BotMatcher {
  /** True when the author name or email marks automation, or a configured entry names it. */
  isBot(author: {name: string; email: string; login?: string | null}): boolean
}

/** gitdm's pseudo-company for automation accounts. */
export const ROBOTS = '(Robots)'

/**
 * Email local parts (after a `<digits>+` noreply prefix) that mark automation: exactly `bot`, ending in
 * `-bot` `_bot` `.bot`, letters only ending in `bot` (`opentelemetrybot`), or ending in `-automation`.
 */
const BOT_LOCAL = /^(?:bot|.*[-_.]bot|[a-z]*bot|.*-automation)$/

/** `configured`: logins, emails or author names (case-insensitive, exact) of further automation accounts. */
export function botMatcher(configured: readonly string[] = []): BotMatcher {
  const extra = new Set(configured.map((entry) => entry.trim().toLowerCase()).filter(Boolean))
  return {
    isBot({name, email, login}) {
      const lowerName = name.toLowerCase()
      const lowerEmail = email.toLowerCase()
      if (lowerName.includes('[bot]') || lowerEmail.includes('[bot]')) return true
      if (extra.has(lowerName) || extra.has(lowerEmail) || (login && extra.has(login.toLowerCase()))) return true
      const local = lowerEmail.split('@')[0].replace(/^\d+\+/, '')
      return BOT_LOCAL.test(local)
    },
  }
}
