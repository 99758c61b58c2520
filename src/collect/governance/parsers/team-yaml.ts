/**
 * Team data kept as YAML for a documentation site: fastapi/fastapi `docs/en/data/members.yml` (`members:` then
 * `- login: tiangolo`, the "Team" of https://fastapi.tiangolo.com/fastapi-people/, maintained by hand: "Update team"
 * commits). Each top-level key holding a list is a group named like the arrays of a JavaScript team module
 * (./team-data.ts `roleOf`: `members` are maintainers, `emeriti` emeritus); a member's login is their `login` key.
 * Aliases are not followed (a member written through one is unknown); nesting deeper than the probe allows and
 * syntax errors are reported, the file unread.
 */
import {isMap, isScalar, isSeq, LineCounter, type Node} from 'yaml'
import type {GovernanceFile} from '../../../core/model.js'
import {probeYamlDepth} from '../../../core/yaml-depth.js'
import {parseDocumentLinear} from '../../../core/yaml-unique-keys.js'
import {isLogin} from '../names.js'
import type {GovernanceKind, GovernanceParse} from '../types.js'
import {roleOf} from './team-data.js'

const MAX_DEPTH = 32

export function parseTeamYaml(file: GovernanceFile, kind: GovernanceKind): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const depth = probeYamlDepth(file.content, MAX_DEPTH)
  if (depth.kind !== 'ok') {
    result.problems.push({file: file.path, line: depth.line, message: depth.reason, unread: true})
    return result
  }
  const lineCounter = new LineCounter()
  const doc = parseDocumentLinear(file.content, {lineCounter, prettyErrors: false})
  if (doc.errors.length) {
    const error = doc.errors[0]
    const line = lineCounter.linePos(error.pos[0]).line
    result.problems.push({
      file: file.path,
      line,
      message: `not valid YAML: ${error.message.split('\n')[0]}`,
      unread: true,
    })
    return result
  }
  const lineOf = (node: Node): number => (node.range ? lineCounter.linePos(node.range[0]).line : 1)
  const root = doc.contents
  if (!isMap(root)) return result
  for (const pair of root.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !isSeq(pair.value)) continue
    const group = pair.key.value
    const role = roleOf(group)
    if (!role) continue
    for (const item of pair.value.items) {
      if (!isMap(item)) continue
      const login = item.items.find((p) => isScalar(p.key) && p.key.value === 'login')?.value
      if (isScalar(login) && typeof login.value === 'string' && isLogin(login.value)) {
        const line = lineOf(login)
        result.roles.push({
          login: login.value,
          role,
          file: file.path,
          line,
          kind,
          source: `${file.path}:${line}`,
          section: group,
        })
      } else {
        result.problems.push({
          file: file.path,
          line: lineOf(item as Node),
          message: `a member of '${group}' names no GitHub login`,
        })
      }
    }
  }
  return result
}
