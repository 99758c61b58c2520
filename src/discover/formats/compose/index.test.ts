// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, files: Record<string, string> = {}, file = 'deploy/compose.yaml') {
  return discoverer.discover({file, text}, {readText: (f) => files[f] ?? null}) as Required<DiscoverOutput>
}

const summary = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.name}:${c.version}`)

describe('compose', () => {
  it('claims Compose file names', () => {
    expect(
      ['compose.yaml', 'a/docker-compose.yml', 'docker-compose.prod.yaml', 'compose.override.yml', 'composer.yaml'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, true, true, false])
  })

  it('lists services.*.image with defaults and .env values; build-only services and $$ escapes handled', () => {
    const out = discover(
      [
        'name: shop',
        'services:',
        '  db:',
        '    image: postgres:${PG_VERSION:-16}',
        '  cache:',
        '    image: "${REGISTRY}/redis:${REDIS_TAG:-7}${SUFFIX-}"',
        '  app:',
        '    build: .',
        '    image: example/app:dev',
        '  local:',
        '    build: .',
        '    image: example/local:dev',
        '    pull_policy: build',
        '  proxy:',
        '    image: traefik:v3.1$$',
        '  worker:',
        '    command: run',
        '',
      ].join('\n'),
      {'deploy/.env': 'REGISTRY=ghcr.io/example\n# comment\nREDIS_TAG=\n'},
    )
    expect(summary(out)).toEqual([
      '4:12 postgres:${PG_VERSION:-16} -> docker.io/library/postgres:16',
      '6:12 ${REGISTRY}/redis:${REDIS_TAG:-7}${SUFFIX-} -> ghcr.io/example/redis:7',
      '9:12 example/app:dev -> docker.io/example/app:dev',
    ])
    // `REDIS_TAG=` is set but empty: `:-` defaults it; `traefik:v3.1$` is not a reference once `$$` is `$`.
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[15, 'invalid-image-ref']])
  })

  it('reports unset variables at their line, and bad shapes', () => {
    const out = discover(
      'services:\n  a:\n    image: ${IMAGE}\n  b:\n    image: [x]\n  c:\n    image: nginx:${T:?tag needed}\n',
    )
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        3,
        'unset-variable',
        'services.a.image "${IMAGE}": IMAGE not set here (no default, not in .env); set it and scan the output of `docker compose config`',
      ],
      [
        7,
        'unset-variable',
        'services.c.image "nginx:${T:?tag needed}": T not set here (no default, not in .env); set it and scan the output of `docker compose config`',
      ],
    ])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [5, 'invalid-compose', 'services.b.image must be a string'],
    ])
    expect(discover('services: [a]\n').errors.map((e) => e.code)).toEqual(['invalid-compose'])
    expect(discover('services:\n').errors).toEqual([])
  })

  it('refuses an image that expands past 4096 characters, at its line (a long .env value repeated)', () => {
    const out = discover(`services:\n  a:\n    image: "${'${A}'.repeat(400)}"\n  b:\n    image: nginx:1\n`, {
      'deploy/.env': `A=${'a'.repeat(1_000_000)}\n`,
    })
    expect(summary(out)).toEqual(['5:12 nginx:1 -> docker.io/library/nginx:1'])
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[3, 'invalid-variable']])
    expect(out.errors[0].message).toContain('expands to more than 4096 characters')
    expect(JSON.stringify(out).length).toBeLessThan(20_000)
  })

  it('keeps .env keys as data: __proto__ neither pollutes nor resolves', () => {
    const out = discover('services:\n  a:\n    image: x/${__proto__:-y}:1\n', {'deploy/.env': '__proto__=evil\n'})
    expect(summary(out)).toEqual(['3:12 x/${__proto__:-y}:1 -> docker.io/x/y:1'])
    expect(({} as {evil?: string}).evil).toBeUndefined()
  })
})
