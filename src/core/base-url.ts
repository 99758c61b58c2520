/**
 * A flag that names a service's base URL (`--artifact-hub-url`, `--registry-mirror`): an http(s) URL without
 * credentials, query or fragment, else a usage error that never prints the value's secrets.
 */
import {type ErrorCode, usageError} from './errors.js'
import {redactSecrets} from './redact.js'

/** The URL `value` names, checked; `or` is what the flag takes besides a URL, named in the error (`none`). */
export function checkBaseUrl(value: string, flag: string, code: ErrorCode, or?: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw usageError(code, `${flag} '${redactSecrets(value)}' is not a URL`)
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
    throw usageError(
      code,
      `${flag} '${url.protocol}//${url.host}${url.pathname}' must be an http(s) URL without credentials, query or fragment${or ? `, or ${or}` : ''}`,
    )
  return url
}
