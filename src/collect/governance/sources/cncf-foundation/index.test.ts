import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {GovernanceFile} from '../../../../core/model.js'
import {governanceOf} from '../../index.js'
import {source} from './index.js'

const csv = readFileSync(
  join(import.meta.dirname, '../../__fixtures__/real/cncf__foundation/project-maintainers.csv'),
  'utf8',
)
const raw: GovernanceFile = {
  path: 'external/cncf__foundation/project-maintainers.csv',
  content: csv,
  origin: {place: 'foundation', repo: 'github.com/cncf/foundation'},
  revision: {sha: '7596c6693e1691fb24dfc571e4ac0c651a3467e8', date: '2026-08-21T17:37:42Z'},
}

function forRepo(repo: string) {
  const [owner, name] = repo.split('/')
  const kept = source.extract?.(raw, {host: 'github.com', owner, name})
  if (!kept) return undefined
  const file = {...raw, content: kept.content, origin: {...raw.origin!, scope: kept.scope}}
  return governanceOf({
    repo: `github.com/${repo}`,
    source: 'github',
    status: 'ok',
    window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
    commits: [],
    governance: [file],
    profiles: {},
  })
}

const logins = (repo: string) => forRepo(repo)?.maintainers.holders.map((h) => h.login)

describe('CNCF project-maintainers.csv (real rows, __fixtures__/real/SOURCES.md)', () => {
  it('is read from cncf/foundation for repositories on github.com only', () => {
    expect(source.locations?.({host: 'github.com', owner: 'fluxcd', name: 'flux2'})).toEqual([
      {owner: 'cncf', name: 'foundation', paths: ['project-maintainers.csv'], shared: 'run'},
    ])
    expect(source.locations?.({host: 'ghe.example.com', owner: 'fluxcd', name: 'flux2'})).toEqual([])
  })

  it("takes the sections linking to the repository itself, with each row's company, line and revision date", () => {
    const karmada = forRepo('karmada-io/karmada')!
    expect(karmada.maintainers.rule).toBe('foundation list: the project maintainers it names')
    expect(karmada.maintainers.holders).toHaveLength(12)
    expect(karmada.maintainers.holders[0]).toMatchObject({
      login: 'kevin-wangzefeng',
      declaredAffiliation: 'Huawei',
      declaredAsOf: '2026-08-21',
      place: 'foundation',
      section: 'Karmada',
      source: 'external/cncf__foundation/project-maintainers.csv:58',
    })
    expect(logins('envoyproxy/gateway')).toEqual(['Xunzhuo', 'arkodg'])
    expect(logins('envoyproxy/envoy')).toEqual(['mattklein123', 'zuercher', 'ggreenway', 'yanavlasov'])
    expect(logins('tektoncd/pipeline')).toHaveLength(9)
  })

  it("else the one project linked from the repository's organisation: its own sections, not sub-projects", () => {
    const flux = forRepo('fluxcd/flux2')!
    expect(flux.maintainers.holders).toHaveLength(14)
    expect(flux.maintainers.holders.find((h) => h.login === 'makkes')?.declaredAffiliation).toBe('Associmates')
    expect(logins('kedacore/http-add-on')).toHaveLength(7)
    expect(logins('envoyproxy/go-control-plane')).toEqual(['mattklein123', 'zuercher', 'ggreenway', 'yanavlasov'])
    expect(logins('tektoncd/dashboard')).toEqual(['afrittoli', 'abayer', 'dibyom', 'enarha', 'vdemeester'])
    const kubernetes = forRepo('kubernetes/kubernetes')!.maintainers.holders
    expect([...new Set(kubernetes.map((h) => h.section))]).toEqual(['Kubernetes steering', 'Kubernetes maintainers'])
  })

  it('keeps only those rows (other lines blank, line numbers kept), and nothing for other projects', () => {
    const [owner, name] = ['karmada-io', 'karmada']
    const kept = source.extract?.(raw, {host: 'github.com', owner, name})
    expect(kept?.content.split('\n')).toHaveLength(csv.split('\n').length)
    expect(kept?.content).not.toContain('stefanprodan')
    expect(source.extract?.(raw, {host: 'github.com', owner: 'example', name: 'widget'})).toBeUndefined()
    expect(source.extract?.(raw, {host: 'github.com', owner: 'prometheus', name: 'prometheus'})).toBeUndefined()
  })
})
