import {normalizeDomain} from './normalize.js'

/**
 * E-mail domains anyone can sign up for (or that hide the address, like GitHub's noreply), so an
 * address there says nothing about an employer. Sub-domains count too (`vip.qq.com`, `vip.163.com`,
 * `users.noreply.github.com`). Kept in code, not in rules/entities, because no organisation owns them.
 */
const PUBLIC_WEBMAIL: readonly string[] = [
  // Global
  'aol.com',
  'fastmail.com',
  'fastmail.fm',
  'gmail.com',
  'googlemail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'hey.com',
  'hotmail.co.uk',
  'hotmail.com',
  'hotmail.de',
  'hotmail.fr',
  'icloud.com',
  'live.cn',
  'live.com',
  'mac.com',
  'mail.com',
  'me.com',
  'msn.com',
  'outlook.com',
  'outlook.de',
  'pm.me',
  'proton.me',
  'protonmail.ch',
  'protonmail.com',
  'tuta.io',
  'tutanota.com',
  'web.de',
  'yahoo.co.jp',
  'yahoo.co.uk',
  'yahoo.com',
  'yahoo.com.cn',
  'yahoo.de',
  'yahoo.fr',
  'ymail.com',
  'zoho.com',
  // China
  '126.com',
  '139.com',
  '163.com',
  '188.com',
  '189.cn',
  'aliyun.com',
  'foxmail.com',
  'qq.com',
  'sina.cn',
  'sina.com',
  'sohu.com',
  'tom.com',
  'wo.cn',
  'yeah.net',
  // Korea, Japan, India, Russia
  'daum.net',
  'hanmail.net',
  'naver.com',
  'rediffmail.com',
  'mail.ru',
  'yandex.com',
  'yandex.ru',
  // Addresses that hide the real one: GitHub's `ID+login@users.noreply.github.com`.
  'noreply.github.com',
]

const domains: ReadonlySet<string> = new Set(PUBLIC_WEBMAIL)

/** True when an e-mail address or domain belongs to a public webmail service (or a sub-domain of one). */
export function isPublicWebmail(emailOrDomain: string): boolean {
  const domain = normalizeDomain(emailOrDomain)
  if (!domain) return false
  for (const suffix of suffixes(domain)) if (domains.has(suffix)) return true
  return false
}

/** `a.b.example.com` → `a.b.example.com`, `b.example.com`, `example.com`, `com`. */
export function suffixes(domain: string): string[] {
  const labels = domain.split('.')
  return labels.map((_, i) => labels.slice(i).join('.'))
}

/** The built-in list, sorted (for documentation and tests). */
export function publicWebmailDomains(): string[] {
  return [...domains].sort()
}
