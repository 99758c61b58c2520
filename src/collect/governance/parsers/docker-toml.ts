/**
 * Docker/Moby TOML MAINTAINERS files (https://github.com/moby/moby/blob/master/MAINTAINERS, docker/buildx,
 * moby/buildkit, docker/awesome-compose): `[Org."Core maintainers"]` (or `[Org.Maintainers]`, `[Org.Curators]`,
 * `[Org.Alumni]`) tables hold `people = ["key", ...]`; `[people.key]` tables give each key's `GitHub` login. Read
 * line by line (no TOML library: the files keep to this shape, and every person needs their line): the group's
 * name gives the role, and a group naming no role we track ("Curators": "neither code nor docs reviewers") names
 * no role holder. Triple-quoted `text` holds prose and is skipped. Names and e-mails are never read.
 */
import type {GovernanceFile} from '../../../core/model.js'
import {isLogin, sectionMeaning} from '../names.js'
import type {GovernanceKind, GovernanceParse} from '../types.js'

/** A file in this format: it has an `[Org]` table or an `[Org.<group>]` one. */
export function isDockerToml(content: string): boolean {
  return /^[ \t]*\[Org(\]|\.)/m.test(content)
}

const TABLE = /^\[([^\]]*)\]\s*(#.*)?$/
const QUOTED = /"([^"\\]*)"/g

export function parseDockerToml(file: GovernanceFile, kind: GovernanceKind): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const members: Array<{key: string; group: string; line: number}> = []
  const logins = new Map<string, string>()
  let table = ''
  let inPeople = false
  let inText = false
  file.content.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (inText) {
      if (line.includes('"""')) inText = false
      return
    }
    if (/^\w[\w-]*\s*=\s*"""/.test(line)) {
      inText = !line.slice(line.indexOf('"""') + 3).includes('"""')
      return
    }
    if (!line || line.startsWith('#')) return
    const header = TABLE.exec(line)
    if (header) {
      table = header[1].trim()
      inPeople = false
      return
    }
    const group = /^Org\.(?:"([^"]+)"|([\w-]+))$/.exec(table)
    if (group) {
      const people = /^people\s*=\s*\[(.*)$/.exec(line)
      const listed = people ? people[1] : inPeople ? line : undefined
      if (listed === undefined) return
      inPeople = !listed.includes(']')
      for (const match of listed.replace(/#.*$/, '').matchAll(QUOTED))
        members.push({key: match[1], group: group[1] ?? group[2], line: i + 1})
      return
    }
    const person = /^people\.(?:"([^"]+)"|([\w-]+))$/.exec(table)
    const github = person ? /^GitHub\s*=\s*"([^"]*)"/i.exec(line) : null
    if (person && github) logins.set((person[1] ?? person[2]).toLowerCase(), github[1].replace(/^@/, ''))
  })
  for (const {key, group, line} of members) {
    const said = sectionMeaning(group)
    if (said === 'none' || said === 'inherit') continue
    const login = logins.get(key.toLowerCase()) ?? key
    if (!isLogin(login)) {
      result.problems.push({file: file.path, line, message: `'${login}' is not a GitHub login`})
      continue
    }
    result.roles.push({
      login,
      role: said,
      file: file.path,
      line,
      kind,
      section: group,
      source: `${file.path}:${line}`,
    })
  }
  return result
}
