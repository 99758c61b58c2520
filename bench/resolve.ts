/**
 * Resolve speed (target: 10 000 components offline from a warm cache in under 1 s) and the resolution-rate
 * table of ../shared/corpus. The cache is warmed the way a user's is: one online run, here against a local
 * synthetic registry that answers every package and image (deps.dev batch, npm, PyPI, crates.io, RubyGems,
 * Packagist, Go vanity host, OCI registry), then timed offline runs read it back.
 * Runnable alone: `npx tsx bench/resolve.ts`.
 */
import {existsSync} from 'node:fs'
import {mkdtemp} from 'node:fs/promises'
import type {ServerResponse} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Component} from '../src/core/model.js'
import {discoverPaths} from '../src/discover/index.js'
import {formatResolutionTable, resolveComponents} from '../src/resolve/index.js'
import {servedByEmulators} from '../tests/support/registry-emulators/catalogue.js'
import {startRegistryEmulators} from '../tests/support/registry-emulators/index.js'
import {sendJson, startEmulator} from '../tests/support/registry-emulators/server.js'

export const name = 'resolve'

const here = fileURLToPath(new URL('.', import.meta.url))
const corpus = join(here, '..', '..', 'shared', 'corpus')
const TARGET_MS = 1000
const RUNS = 5

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'x'

/** Answers every request with a plausible document naming github.com/bench-org/<name>. */
function synthetic(req: {method: string; url: string; body: string}, res: ServerResponse) {
  const url = new URL(req.url, 'http://x')
  if (req.method === 'POST' && url.pathname === '/v3alpha/versionbatch') {
    const {requests} = JSON.parse(req.body) as {requests: Array<{versionKey: {name: string}}>}
    return sendJson(res, 200, {
      responses: requests.map((request) => ({
        request,
        version: {
          relatedProjects: [
            {
              projectKey: {id: `github.com/bench-org/${slug(request.versionKey.name)}`},
              relationProvenance: 'UNVERIFIED_METADATA',
              relationType: 'SOURCE_REPO',
            },
          ],
        },
      })),
    })
  }
  const gem = /^\/api\/v1\/gems\/(.+)\.json$/.exec(url.pathname)
  if (gem) return sendJson(res, 200, {name: gem[1], source_code_uri: `https://github.com/bench-org/${slug(gem[1])}`})
  const composer = /^\/p2\/(.+)\.json$/.exec(url.pathname)
  if (composer)
    return sendJson(res, 200, {
      packages: {
        [composer[1]]: [{version: '1.0.0', source: {url: `https://github.com/bench-org/${slug(composer[1])}.git`}}],
      },
    })
  if (url.searchParams.get('go-get') === '1') {
    const path = url.pathname.slice(1)
    res
      .writeHead(200, {'content-type': 'text/html'})
      .end(
        `<html><head><meta name="go-import" content="${path} git https://github.com/bench-org/${slug(path)}"></head></html>`,
      )
    return
  }
  const manifest = /^\/[^/]+\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname)
  if (manifest)
    return sendJson(res, 200, {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {digest: `sha256:${'0'.repeat(64)}`},
      annotations: {'org.opencontainers.image.source': `https://github.com/bench-org/${slug(manifest[1])}`},
    })
  sendJson(res, 404, {})
}

function components(): Component[] {
  const out: Component[] = []
  const add = (
    kind: 'package' | 'image',
    ecosystem: Component['ecosystem'],
    name: string,
    version: string,
    i: number,
  ) =>
    out.push({
      kind,
      ecosystem,
      name,
      version,
      ref: `${name}@${version}`,
      locations: [{file: `bench/${ecosystem}.lock`, line: i + 1, column: 1}],
    })
  for (let i = 0; i < 4000; i++) add('package', 'npm', i % 4 === 0 ? `@bench/pkg-${i}` : `bench-pkg-${i}`, '1.0.0', i)
  for (let i = 0; i < 1500; i++) add('package', 'pypi', `bench-py-${i}`, '2.0.0', i)
  for (let i = 0; i < 1000; i++) add('package', 'golang', `github.com/bench-org/mod-${i}`, 'v1.0.0', i)
  for (let i = 0; i < 500; i++) add('package', 'golang', `go.bench.example/mod-${i}`, 'v1.0.0', i)
  for (let i = 0; i < 1000; i++) add('package', 'cargo', `bench-crate-${i}`, '0.1.0', i)
  for (let i = 0; i < 800; i++) add('package', 'gem', `bench-gem-${i}`, '1.0.0', i)
  for (let i = 0; i < 700; i++) add('package', 'composer', `bench/pkg-${i}`, '1.0.0', i)
  for (let i = 0; i < 500; i++) add('image', 'docker', `ghcr.io/bench-org/img-${i}`, 'v1', i)
  return out
}

export async function run(): Promise<void> {
  const server = await startEmulator((req, res) => synthetic(req, res))
  const endpoints = {
    'deps.dev': server.url,
    npm: server.url,
    pypi: server.url,
    'crates.io': server.url,
    rubygems: server.url,
    packagist: server.url,
    github: server.url,
    'oci:*': server.url,
    'go:*': server.url,
  }
  const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-bench-resolve-'))
  const input = components()
  const warmStart = performance.now()
  const warm = await resolveComponents(input, {cacheDir, endpoints, concurrency: 16})
  const warmMs = performance.now() - warmStart
  await server.close()
  const times: number[] = []
  let last = warm
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    last = await resolveComponents(input, {cacheDir, offline: true})
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(RUNS / 2)]
  console.log(
    `${input.length} components; warm-up online run ${warmMs.toFixed(0)} ms (${warm.stats.requests.total} requests)`,
  )
  console.log(
    `offline from the warm cache: best ${times[0].toFixed(0)} ms, median ${median.toFixed(0)} ms, ${((input.length / median) * 1000).toFixed(0)} components/s; resolved ${last.stats.resolved}/${last.stats.total}`,
  )
  console.log(`target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'NOT met'}`)
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
  console.log(formatResolutionTable(last.stats))
  await corpusTable()
}

/** ../shared/corpus, offline, from a cache warmed by the registry emulators (what the acceptance test asserts). */
async function corpusTable(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`(../shared/corpus absent: no corpus table)`)
    return
  }
  const emulators = await startRegistryEmulators()
  try {
    const inventory = await discoverPaths([corpus])
    const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-bench-corpus-'))
    await resolveComponents(inventory.components.filter(servedByEmulators()), {
      cacheDir,
      endpoints: emulators.endpoints,
      retries: 0,
    })
    const start = performance.now()
    const result = await resolveComponents(inventory.components, {
      cacheDir,
      offline: true,
      endpoints: emulators.endpoints,
    })
    console.log(
      `../shared/corpus: ${inventory.components.length} components resolved offline in ${(performance.now() - start).toFixed(0)} ms`,
    )
    console.log(formatResolutionTable(result.stats))
  } finally {
    await emulators.close()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run()
