/**
 * Plain-text MAINTAINERS files.
 * - containerd style: `# COMMITTERS` / `# REVIEWERS` comment headings, then CSV rows whose first field is the
 *   GitHub ID (`"AkihiroSuda","Akihiro Suda","email","GPG"`).
 * - Flux / Docker style: `Name, Company <email> (github: @login, slack: ...)`: the company between the name and the
 *   address is the one the file declares (https://github.com/fluxcd/community/blob/main/CORE-MAINTAINERS).
 * - Labels ending in a colon ("Retired maintainers:") give the people below them their meaning; below them, a list
 *   YAML-like key (`maintainers:`), a list of bare logins (`- spf13`, https://github.com/spf13/cobra/blob/main/MAINTAINERS)
 *   names people; elsewhere a one-word item is a name ("- Sunny" under "Retired maintainers:", fluxcd/community).
 * - A line underlined with `=` or `-` is a heading, as in reStructuredText and Markdown ("Core maintainers" then
 *   "================", "Alumni" then "======": https://github.com/benoitc/gunicorn/blob/master/MAINTAINERS).
 * - `Name <address>` alone on a line names a person by address only (gunicorn): `addressed`, a role holder once a
 *   commit links the address to an account (../index.ts linkAddressedRoles); nothing is guessed from the name.
 * Other lines count when they name `@handles` or profile links. Before any heading, people are maintainers.
 */
import type {GovernanceFile, Role} from '../../../core/model.js'
import {isLogin, loginsIn, maintainersFileMeaning, nameAndAddress, peopleNamed, type SectionMeaning} from '../names.js'
import type {AddressedRole, GovernanceKind, GovernanceParse, GovernanceRole} from '../types.js'

/** A comment made only of capitals (`# COMMITTERS`, `# REVIEWERS`) heads a section. */
const HEADING = /^#+\s*([A-Z][A-Z &/-]*[A-Z])\s*:?\s*$/
/**
 * `Name, Company <email> (github: @login`: the declared company. The company starts and ends with a non-space and the
 * address's local part holds no `@`, so a line is read one way (a lazy company between runs of spaces was cubic).
 */
const NAME_COMPANY_EMAIL =
  /^[^,<>@()]+,\s*([^<>@()\s](?:[^<>@()]*[^<>@()\s])?)\s*<[^<>\s@]+@[^<>\s]+>\s*\(\s*github:\s*@?([A-Za-z0-9-]+)/i
/** "Retired maintainers:", "Reviewers:" — a line that only introduces the people below it. */
const LABEL = /^[A-Za-z][\w &/()-]*:$/
/** A lower-case YAML key alone on a line (`maintainers:`, `inactive:`). */
const YAML_KEY = /^[a-z][a-z0-9_-]*:$/
/** `- login` alone on a line (a list item holding one word). */
const BARE_LOGIN_ITEM = /^[-*+]\s+@?([A-Za-z0-9][A-Za-z0-9-]*)$/
/** A heading's underline: a run of `=` or of `-`, three or more. */
const UNDERLINE = /^(?:={3,}|-{3,})$/
export function parseMaintainersText(file: GovernanceFile, kind: GovernanceKind): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  let meaning: SectionMeaning = 'maintainer'
  let section: string | undefined
  /** Under a YAML-like key (`maintainers:`), where `- word` items are logins, unlike "- Sunny" under "Retired maintainers:". */
  let yamlKey = false
  const lines = file.content.split('\n')
  lines.forEach((raw, i) => {
    const line = raw.trim()
    const lineNo = i + 1
    if (!line || UNDERLINE.test(line)) return
    // A line underlined (`Alumni` over `======`) heads a section as a `# ALUMNI` comment does.
    // (Not a list item: `- alice` above a YAML `---` is a person.)
    if (
      UNDERLINE.test(lines[i + 1]?.trim() ?? '') &&
      !/^[-*+]\s/.test(line) &&
      loginsIn(line).length === 0 &&
      !line.includes('<')
    ) {
      ;[meaning, section] = [meaningOf(line), line]
      yamlKey = false
      return
    }
    if (line.startsWith('#')) {
      const heading = HEADING.exec(line)
      if (heading) {
        ;[meaning, section] = [meaningOf(heading[1]), heading[1]]
        yamlKey = false
      }
      return
    }
    if (LABEL.test(line) && loginsIn(line).length === 0) {
      ;[meaning, section] = [meaningOf(line.slice(0, -1)), line.slice(0, -1)]
      yamlKey = YAML_KEY.test(line)
      return
    }
    if (meaning === 'none' || meaning === 'inherit') return
    const role: Role = meaning
    const base: Omit<GovernanceRole, 'login'> = {
      role,
      file: file.path,
      line: lineNo,
      kind,
      source: `${file.path}:${lineNo}`,
    }
    if (section) base.section = section
    const csv = /^"([^"]*)"\s*,/.exec(line)
    if (csv) {
      if (isLogin(csv[1])) result.roles.push({...base, login: csv[1]})
      else result.problems.push({file: file.path, line: lineNo, message: `'${csv[1]}' is not a GitHub login`})
      return
    }
    // A YAML-like list of bare logins under a label ("maintainers:" then "- spf13": spf13/cobra MAINTAINERS).
    const bare = yamlKey ? BARE_LOGIN_ITEM.exec(line) : null
    if (bare && isLogin(bare[1])) {
      result.roles.push({...base, login: bare[1]})
      return
    }
    const declared = NAME_COMPANY_EMAIL.exec(line)
    if (declared && isLogin(declared[2])) {
      result.roles.push({...base, login: declared[2], declaredAffiliation: declared[1].trim()})
      return
    }
    // A profile link in a sentence ("repositories under https://github.com/fluxcd, as noted...") names an
    // organisation more often than a person (names.ts peopleNamed).
    const named = peopleNamed(line, () => line.split(/\s+/).length)
    for (const {login} of named) result.roles.push({...base, login})
    const addressed = named.length === 0 ? nameAndAddress(line) : undefined
    if (addressed) {
      const person: AddressedRole = {...base, ...addressed}
      result.addressed ??= []
      result.addressed.push(person)
    }
  })
  return result
}

function meaningOf(text: string): SectionMeaning {
  const said = maintainersFileMeaning(text)
  return said === 'inherit' ? 'maintainer' : said
}
