import {createHash} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'

/** Every answer path ends in `send`: the type makes a forgotten answer (a hung request) a compile error. */
export const SENT = true as const
export type Sent = typeof SENT

/**
 * A JSON answer as GitHub gives it: `content-type`, `content-length`, a weak ETag on 200s (and 304 for a
 * matching `If-None-Match` when `req` is given). `pad` bytes of padding inflate a 200 (oversized answers).
 */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  req?: IncomingMessage,
  headers: Record<string, string> = {},
  pad = 0,
): Sent {
  const text = pad > 0 ? padded(body, pad) : JSON.stringify(body)
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  if (status === 200 && req) {
    const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`
    res.setHeader('etag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304)
      res.end()
      return SENT
    }
  }
  res.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text)})
  res.end(text)
  return SENT
}

/** The body with `bytes` of padding: a field on an object, a field on each item of a list. */
function padded(body: unknown, bytes: number): string {
  if (Array.isArray(body)) {
    const each = Math.ceil(bytes / Math.max(1, body.length))
    return JSON.stringify(body.map((item) => ({...item, padding: 'x'.repeat(each)})))
  }
  return JSON.stringify({...(body as object), padding: 'x'.repeat(bytes)})
}

export function notFound() {
  return {message: 'Not Found', documentation_url: 'https://docs.github.com/rest'}
}

export function blocked() {
  return {
    message: 'Repository access blocked',
    block: {reason: 'dmca', created_at: '2024-01-01T00:00:00Z', html_url: 'https://github.com/github/dmca'},
  }
}

export function utc(date: string): string {
  return new Date(Date.parse(date)).toISOString().replace('.000Z', 'Z')
}

export function idOf(login: string): number {
  return createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0)
}

export function queryString(query: URLSearchParams): string {
  const text = query.toString()
  return text ? `?${text}` : ''
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
