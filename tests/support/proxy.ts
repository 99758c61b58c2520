/**
 * A small HTTP proxy on 127.0.0.1 for the proxy tests: `CONNECT host:port` tunnels (what undici's ProxyAgent
 * opens, for http and https targets alike) and absolute-form forwarding (`GET http://host/path`), to loopback
 * targets only (anything else gets 403: test traffic never leaves the machine). It counts what it forwards: the
 * tunnels and every request line that crossed them (the emulators speak plain HTTP, so the tunnel can be read).
 * Written by hand: a test proxy that counts is a few lines over node:http and node:net.
 */
import {createServer, request} from 'node:http'
import {type AddressInfo, connect, type Socket} from 'node:net'
import {isLoopback} from '../../src/collect/octokit/transport.js'

export interface TestProxy {
  url: string
  /** `host:port` of every CONNECT tunnel opened. */
  tunnels: string[]
  /** `METHOD host:port/path?query` of every request forwarded, through a tunnel or in absolute form. */
  requests(): string[]
  /** `Proxy-Authorization` headers received (CONNECT or absolute form). */
  authorizations: string[]
  close(): Promise<void>
}

export async function startProxy(): Promise<TestProxy> {
  const tunnels: string[] = []
  const forwarded: string[] = []
  const streams: Array<{target: string; text: string}> = []
  const authorizations: string[] = []
  const sockets = new Set<Socket>()

  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/')
    if (req.headers['proxy-authorization']) authorizations.push(String(req.headers['proxy-authorization']))
    if (!isLoopback(target.hostname)) {
      res.writeHead(403).end('only loopback targets')
      return
    }
    forwarded.push(`${req.method} ${target.host}${target.pathname}${target.search}`)
    const {'proxy-authorization': _, ...headers} = req.headers
    const upstream = request(target, {method: req.method, headers}, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })

  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    if (req.headers['proxy-authorization']) authorizations.push(String(req.headers['proxy-authorization']))
    const target = req.url ?? ''
    const at = target.lastIndexOf(':')
    const host = target.slice(0, at).replace(/^\[|\]$/g, '')
    const port = Number(target.slice(at + 1))
    if (!isLoopback(host) || !port) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    tunnels.push(target)
    const stream = {target, text: ''}
    streams.push(stream)
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      client.on('data', (chunk: Buffer) => {
        stream.text += chunk.toString('latin1')
        upstream.write(chunk)
      })
      upstream.pipe(client)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    client.on('end', () => upstream.end())
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    authorizations,
    requests: () => [
      ...forwarded,
      ...streams.flatMap(({target, text}) =>
        [...text.matchAll(/(GET|POST|HEAD) (\/\S*) HTTP\/1\.1\r\n/g)].map((m) => `${m[1]} ${target}${m[2]}`),
      ),
    ],
    close: async () => {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
