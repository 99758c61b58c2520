import {isIP} from 'node:net'

/**
 * Where a token may travel: over https, or over plain http only to this machine (a local emulator, a
 * port-forward). Anything else would hand the token to every network hop on the way (issue #11).
 * Returns why a URL is refused for a token, or null when it is fine; the message never holds the token.
 */
export function tokenTransportProblem(url: URL): string | null {
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null
  return `a token is sent only over https (or http to this machine), not to ${url.protocol}//${url.host}`
}

/** `localhost`, 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host) || /^::ffff:7f[0-9a-f]{2}:/.test(host)
  return false
}
