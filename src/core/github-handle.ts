/**
 * `@handle` mentions in a GitHub profile's free-text `company` field ("@acme", "Engineer @acme"): collection
 * fetches the organisation accounts they name, attribution reads the field. One grammar for both.
 * GitHub's login grammar (1-39 alphanumerics or hyphens, not starting with a hyphen); not part of an e-mail
 * address (`a@b.com`) nor of a domain (`@google.com`).
 */
export const COMPANY_HANDLE = /(?<![\w.@])@([A-Za-z0-9][A-Za-z0-9-]{0,38})(?![\w-]|\.\w)/gu

/** The distinct handles a company value names, lower-cased, in order of appearance. */
export function companyHandles(text: string | null | undefined): string[] {
  if (!text) return []
  return [...new Set([...text.normalize('NFKC').matchAll(COMPANY_HANDLE)].map((m) => m[1].toLowerCase()))]
}
