import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

/** One request as an emulator saw it: tests assert what was (and was not) sent. */
export interface SeenRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export type Handler = (request: SeenRequest, response: ServerResponse, base: string) => void | Promise<void>

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  url: string
  requests: SeenRequest[]
  close(): Promise<void>
}

/** A real HTTP server on 127.0.0.1 (random port) serving written or recorded registry responses. */
export async function startEmulator(handler: Handler): Promise<Emulator> {
  const requests: SeenRequest[] = []
  let base = ''
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    }
    requests.push(seen)
    try {
      await handler(seen, res, base)
    } catch (error) {
      res.writeHead(500, {'content-type': 'text/plain'}).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive sockets of the client would otherwise hold close() for seconds.
        server.closeAllConnections()
      }),
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    })
    .end(text)
}

export function notFound(res: ServerResponse): void {
  sendJson(res, 404, {error: 'not found'})
}
