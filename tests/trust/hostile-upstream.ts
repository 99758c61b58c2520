/**
 * An upstream (for the GitHub API emulator) and a scanned tree whose text tries to drive what shows it: ANSI
 * escape sequences (colours, screen clears, OSC window titles and hyperlinks), C1 controls, a lone carriage
 * return that overwrites a line, Unicode line separators, bidi overrides and isolates ("Trojan Source"), and GitHub
 * Actions workflow commands (`::error::`, `##[add-mask]`). Fictional names and example.com domains only.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const ESC = '\u001b'

/** Every hostile string, each in one place: names, companies, governance text, file names, image references. */
export const HOSTILE = {
  authorName: `Mallory ${ESC}[2J${ESC}]0;owned\u0007 Evil`,
  commandName: '::error file=README.md::forged annotation',
  maskName: 'Trent ##[add-mask]hidden',
  overwriteName: 'Safe name\r::warning::overwritten',
  bidiName: 'Eve \u202eredro\u202c \u2066iso\u2069',
  c1Name: 'Oscar \u009b31m C1 \u0085 next',
  company: `::notice::Evil Corp ${ESC}]8;;https://evil.example.com${ESC}\\link${ESC}]8;;${ESC}\\ \u202e`,
  maintainerCompany: `Contoso\u202e Ltd \u2028::error::x`,
  /** A directory name in the scanned tree. */
  directory: 'deploy\u202e',
  /** An image reference that is not one: its text reaches error messages. */
  image: `registry.example.com/app:1.0${ESC}[31m\u202e::error::bad`,
} as const

export const REPO = 'example-hostile/app'

/** `<root>/example-hostile__app/` for the emulator. */
export function writeHostileUpstream(root: string): void {
  const dir = join(root, 'example-hostile__app')
  mkdirSync(join(dir, 'users'), {recursive: true})
  mkdirSync(join(dir, 'governance'), {recursive: true})
  const people = [
    {login: 'mallory-x', name: HOSTILE.authorName, email: 'mallory@example.com'},
    {login: 'cmd-x', name: HOSTILE.commandName, email: 'cmd@example.com'},
    {login: 'trent-x', name: HOSTILE.maskName, email: 'trent@example.com'},
    {login: 'safe-x', name: HOSTILE.overwriteName, email: 'safe@example.com'},
    {login: 'eve-x', name: HOSTILE.bidiName, email: 'eve@example.com'},
    {login: 'oscar-x', name: HOSTILE.c1Name, email: 'oscar@example.com'},
  ]
  const commits = people.flatMap((person, i) =>
    [0, 1].map((n) => {
      const date = `2025-0${(i % 6) + 1}-1${n}T10:00:00Z`
      const signature = {name: person.name, email: person.email, date}
      return {
        sha: `${(i * 2 + n + 1).toString(16).padStart(2, '0')}${'a'.repeat(38)}`,
        author: signature,
        committer: signature,
        login: person.login,
        message: `change ${i}.${n}\n::error::from a commit message`,
      }
    }),
  )
  writeFileSync(join(dir, 'commits.json'), JSON.stringify(commits, null, 2))
  for (const person of people)
    writeFileSync(
      join(dir, 'users', `${person.login}.json`),
      JSON.stringify({
        login: person.login,
        name: person.name,
        company: HOSTILE.company,
        blog: '',
        email: null,
        created_at: '2020-01-01T00:00:00Z',
      }),
    )
  writeFileSync(
    join(dir, 'governance', 'MAINTAINERS.md'),
    [
      '# Maintainers',
      '',
      '| Name | GitHub | Company |',
      '|------|--------|---------|',
      `| ${HOSTILE.bidiName} | @eve-x | ${HOSTILE.maintainerCompany} |`,
      `| ${HOSTILE.commandName.replace('::', ':\u003a')} | @cmd-x | ${HOSTILE.company} |`,
      '',
    ].join('\n'),
  )
}

/** The scanned tree: a manifest in a directory with a bidi name, one real image and one hostile reference. */
export function writeHostileTree(dir: string): void {
  const deploy = join(dir, HOSTILE.directory)
  mkdirSync(deploy, {recursive: true})
  writeFileSync(
    join(deploy, 'pod.yaml'),
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: app}',
      'spec:',
      '  containers:',
      '    - {name: app, image: "ghcr.io/example-hostile/app:1.0"}',
      `    - {name: bad, image: ${JSON.stringify(HOSTILE.image)}}`,
      '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'map.yaml'), `mappings:\n  - match: "**"\n    repo: github.com/${REPO}\n`)
}
