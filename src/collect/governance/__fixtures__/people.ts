/** Test helpers: the role holders one governance file gives, as rows easy to compare. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseGovernanceFiles} from '../index.js'

export const people = (path: string, content: string) =>
  parseGovernanceFiles([{path, content}]).roles.map((r) => [
    r.login,
    r.role,
    r.section ?? null,
    r.declaredAffiliation ?? null,
    r.line,
  ])

/** An OWNERS file whose aliases expand 729 times (a small "billion laughs"); its first alias is on line 4. */
export const ALIAS_BOMB = readFileSync(join(import.meta.dirname, 'alias-bomb.yaml'), 'utf8')
