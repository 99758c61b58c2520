/**
 * GitHub emulator fixtures for the places maintainers live besides a repository (issue 13): real governance files
 * (src/collect/governance/__fixtures__/real/, sources and licences in its SOURCES.md) in the repositories that hold
 * them, and scanned repositories with fictional commits (example.com authors):
 * - fluxcd/flux2: a MAINTAINERS file pointing to fluxcd/community CORE-MAINTAINERS; no SECURITY.md of its own, the
 *   organisation's fluxcd/.github has one; Flux rows in cncf/foundation's list.
 * - fluxcd/source-controller: no governance file at all (the foundation's Flux rows give its maintainers).
 * - kedacore/keda: its section of kedacore/governance MEMBERS.md.
 * - example-lone/widget: nothing anywhere (maintainers unknown, no security policy).
 * - example-teams/engine and example-teams/motor: a CODEOWNERS catch-all team, visible and hidden.
 * - example-wg/gadget: a README naming its steering committee and saying the repository is maintained by the group
 *   its TEAM.md lists (a file of the repository never asked for by path: read through the link).
 * - example-wg/gizmo: a README naming nobody whose maintainers section links its own CONTRIBUTING.md, absolutely (as
 *   containerd/project README.md does): no group file, not followed.
 */
import {copyFileSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {repoRoot} from './cli.js'

const real = join(repoRoot, 'src', 'collect', 'governance', '__fixtures__', 'real')

export const PLACES_REPOS = [
  'github.com/fluxcd/flux2',
  'github.com/fluxcd/source-controller',
  'github.com/kedacore/keda',
  'github.com/example-lone/widget',
  'github.com/example-teams/engine',
  'github.com/example-teams/motor',
  'github.com/example-wg/gadget',
  'github.com/example-wg/gizmo',
]

/** The 2024 window the fixtures' commits fall in. */
export const PLACES_WINDOW = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

function commits(repo: string, count: number, first = '2024-02-01'): unknown[] {
  return Array.from({length: count}, (_, i) => {
    const date = new Date(Date.parse(`${first}T12:00:00Z`) + i * 9 * 86_400_000).toISOString().replace('.000', '')
    const person = ['ada', 'lin', 'mo'][i % 3]
    const signature = {name: `${person} example`, email: `${person}@${repo.split('/')[0]}.example.com`, date}
    return {sha: sha(`${repo} ${i}`), author: signature, committer: signature, login: null}
  })
}

function sha(text: string): string {
  let hex = ''
  for (let i = 0; hex.length < 40; i++) hex += ((text.charCodeAt(i % text.length) * (i + 7)) % 256).toString(16)
  return hex.slice(0, 40)
}

/** Writes the fixture roots into a fresh temporary folder and returns it. */
export function writePlacesFixtures(): string {
  const root = mkdtempSync(join(tmpdir(), 'stewards-places-'))
  const repo = (
    name: string,
    count: number,
    files: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) => {
    const dir = join(root, name)
    mkdirSync(dir, {recursive: true})
    writeFileSync(join(dir, 'commits.json'), JSON.stringify(commits(name, count)))
    for (const [path, from] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, 'governance', path)), {recursive: true})
      if (from.startsWith('real:')) copyFileSync(join(real, from.slice(5)), join(dir, 'governance', path))
      else writeFileSync(join(dir, 'governance', path), from)
    }
    for (const [file, value] of Object.entries(extra)) writeFileSync(join(dir, file), JSON.stringify(value))
  }
  // Organisation and foundation repositories: one commit each (their files' revision date).
  repo('fluxcd__community', 1, {
    'CORE-MAINTAINERS': 'real:fluxcd__community/CORE-MAINTAINERS',
    MAINTAINERS: 'real:fluxcd__community/MAINTAINERS',
  })
  repo('fluxcd__.github', 1, {'SECURITY.md': 'real:fluxcd__.github/SECURITY.md'})
  repo('kedacore__governance', 1, {'MEMBERS.md': 'real:kedacore__governance/MEMBERS.md'})
  repo('cncf__foundation', 1, {'project-maintainers.csv': 'real:cncf__foundation/project-maintainers.csv'})
  // Scanned repositories.
  repo('fluxcd__flux2', 12, {MAINTAINERS: 'real:fluxcd__flux2/MAINTAINERS'})
  repo('fluxcd__source-controller', 6)
  repo('kedacore__keda', 6, {'README.md': '# KEDA\n\nEvent-driven autoscaling.\n'})
  repo('example-lone__widget', 4, {'README.md': '# Widget\n\nA fictional project that names nobody.\n'})
  repo(
    'example-teams__engine',
    4,
    {'.github/CODEOWNERS': '* @example-teams/core\n/docs/ @example-teams/docs\n'},
    {
      'teams.json': {'example-teams/core': ['ada-teams', 'lin-teams'], 'example-teams/hidden': null},
    },
  )
  repo('example-teams__motor', 4, {CODEOWNERS: '* @example-teams/hidden\n'})
  repo('example-wg__gizmo', 4, {
    'README.md': [
      '# Gizmo',
      '',
      '## Maintainers',
      '',
      'How maintainers are chosen: https://github.com/example-wg/gizmo/blob/main/CONTRIBUTING.md',
      '',
    ].join('\n'),
    'CONTRIBUTING.md': '# Contributing\n\n- @kim-wg\n',
  })
  repo('example-wg__gadget', 4, {
    'README.md': [
      '# Gadget',
      '',
      '## Technical Steering Committee',
      '',
      '- [@sam-wg](https://github.com/sam-wg)',
      '',
      '## Maintenance',
      '',
      'This repository is maintained by the [Gadget Team](./TEAM.md).',
      '',
    ].join('\n'),
    'TEAM.md': [
      '# Gadget Team',
      '',
      '## Members',
      '',
      '- @kim-wg',
      '- @lee-wg',
      '',
      '## Emeritus Members',
      '',
      '- @ola-wg',
      '',
    ].join('\n'),
  })
  return root
}
