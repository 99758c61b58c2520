/**
 * People in Markdown governance files: MAINTAINERS.md (tables with a GitHub column and maybe a company column;
 * bullet lists with `@handles` under labels such as "General maintainers:") and README role lists
 * ("- Approvers (...):" then "- [Name](https://github.com/login), Company"). Each person takes the meaning of
 * the nearest label or heading that names a role (see names.ts `sectionMeaning`). In a MAINTAINERS file every
 * line counts and people default to maintainers; in a README only list items and table rows under a role
 * label or heading count (HTML blocks too: ESLint's generated team tables). Hand-written: a Markdown AST library would still need these conventions on top.
 */
import type {GovernanceFile, Role} from '../../../core/model.js'
import {
  isLogin,
  loginsIn,
  maintainersFileMeaning,
  nonRoleWords,
  nameAndAddress,
  peopleNamed,
  type SectionMeaning,
  sectionMeaning,
  teamsIn,
} from '../names.js'
import type {AddressedRole, GovernanceKind, GovernanceParse, GovernanceRole} from '../types.js'
import {trimEnd} from '../../../core/trim-end.js'
import {hasLegalForm} from '../../../entities/index.js'
import {isLinkDefinition, linkDefinitions, resolveLinkReferences} from './markdown-references.js'
import {
  explicitMarkupEnd,
  gridTable,
  hyperlinkTargets,
  isExplicitMarkup,
  isGridBorder,
  listTable,
  type RstTable,
  resolveReferences,
} from './rst.js'

interface Heading {
  level: number
  text: string
  meaning: SectionMeaning
}

interface Table {
  loginColumn: number
  companyColumn: number
  /** A "Role" column (kedacore/governance MEMBERS.md: "Repository Maintainer", "Repository Reviewer"). */
  roleColumn: number
  /**
   * The role the first column's title names for every row: "| Reviewer | GitHub ID | ... |" below a table whose header
   * says "Maintainer" (kyverno/kyverno OWNERS.md). It only narrows a section of maintainers (`add`).
   */
  headerRole?: SectionMeaning
  /** Its rows have no leading pipe (`a | b` over `---|---`): it ends at a blank line (GFM). */
  pipeless?: boolean
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/
/**
 * A line starting with an autolink (`<https://github.com/mcollina>`, `<a@b.c>`) is a paragraph, not an HTML block: a
 * scheme or an address is no tag name (https://spec.commonmark.org/0.31.2/#autolinks).
 */
const AUTOLINK = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/
const FENCE = /^\s*(```|~~~)/
/** What a sentence says before "maintained by" when those it names no longer do. */
const FORMER = /\b(?:originally|formerly|previously|once|was|were|used to be)\b/i
/** What a sentence may say is maintained other than the project. */
const NOT_THE_PROJECT = /\b(?:list|file|page|document|website|site|fork|mirror|port|binding|wrapper|translation)s?\b/i
/**
 * A GitHub profile link alone: `<https://github.com/login>`, the bare URL, `[text](https://github.com/login)` or a linked
 * image, `[![Name](avatar)](https://github.com/login)` (chaijs/chai README.md "Core Contributors"). Bounded pieces in
 * order, nothing nested: linear.
 */
const LONE_PROFILE =
  /^(?:<|\[(?:!\[[^[\]]{0,100}\]\([^()\s]{0,500}\)|[^[\]]{0,100})\]\()?https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/?[>)]?$/

export interface MarkdownOptions {
  /**
   * `every-line`: a MAINTAINERS file, where every line counts and people default to maintainers; `lists`: a README
   * or GOVERNANCE.md, where only list items and table rows under a role label or heading count.
   */
  mode: 'every-line' | 'lists'
  /** Headings about a process ("Becoming a maintainer", "Adding maintainers") name no role holders. */
  processHeadings?: boolean
  /**
   * An AUTHORS file's sentence saying who maintains the project names them: "``pyjwt`` is currently written and
   * maintained by `Jose Padilla <https://github.com/jpadilla>`_." (jpadilla/pyjwt AUTHORS.rst); "Originally written
   * and maintained by" someone names a former maintainer. Not in a README, where such a sentence names an organisation
   * or another project's maintainer as often as this one's ("Developed from [X] maintained by [@y]").
   */
  maintainedBy?: boolean
  /**
   * reStructuredText (`AUTHORS.rst`, `MAINTAINERS.rst`): a title underlined with any punctuation ("Requests
   * Maintainers" over a row of backticks) is a heading, levels in order of first use; `` `text <url>`_ `` is a link,
   * `` `Name`_ `` a reference to a target of the file, and only ``` ``literal`` ``` is code; explicit markup blocks
   * (comments, directives, targets) name nobody where they stand; grid tables and list-tables are tables
   * (./rst.ts, https://docutils.sourceforge.io/docs/ref/rst/restructuredtext.html).
   */
  rst?: boolean
  /**
   * A file a README says maintains the repository (../sources/linked: "maintained by the [Core Working Group](./WORKING_GROUP.md)"):
   * its "Members" ("Current Members", "Team Members") hold this role.
   */
  members?: Role
}

/** A heading or label naming a group's members alone: "Members", "Current Members", "Working Group Members". */
const MEMBERS = /^(?:(?:current|active|core|team|group|working group|wg)\s+){0,2}members:?$/i

export function parseMarkdownRoles(
  file: GovernanceFile,
  kind: GovernanceKind,
  options: MarkdownOptions,
): GovernanceParse {
  const everyLine = options.mode === 'every-line'
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const lines = file.content.split('\n').map((line) => line.replace(/\r$/, ''))
  const headings: Heading[] = []
  let label: {text: string; meaning: SectionMeaning; words: number} | undefined
  let table: Table | undefined
  let fenced = false
  let comment = false
  /** Inside a list item (its continuation lines), and whether the line above held text. */
  let inItem = false
  let html = false
  /** reStructuredText: heading levels by underline character, in order of first use. */
  const rstLevels = new Map<string, number>()
  // Where a reference's URL is written: reStructuredText hyperlink targets, Markdown link reference definitions.
  const targets = options.rst ? hyperlinkTargets(lines) : linkDefinitions(lines)
  const resolve = options.rst ? resolveReferences : resolveLinkReferences
  let previousFilled = false
  const seen = new Set<string>()
  const meaningOf = (text: string): {meaning: SectionMeaning} =>
    options.members && MEMBERS.test(text.trim()) ? {meaning: options.members} : labelMeaning(text, everyLine)

  const current = (): {meaning: SectionMeaning; section?: string} => {
    if (label && label.meaning !== 'inherit') return {meaning: label.meaning, section: innermost(headings, label)}
    for (let i = headings.length - 1; i >= 0; i--) {
      if (headings[i].meaning !== 'inherit') return {meaning: headings[i].meaning, section: innermost(headings, label)}
    }
    return {meaning: everyLine ? 'maintainer' : 'none', section: innermost(headings, label)}
  }
  const add = (
    login: string,
    lineNo: number,
    declared?: string,
    rowRole?: SectionMeaning,
    headerRole?: SectionMeaning,
    /** The company is only written beside the person, not in a company column (RoleHolder.declaredBeside). */
    beside = false,
  ): void => {
    const here = current()
    const section = here.section
    // A row's own role cell names the role, unless the section says its people are emeritus (alumni). A table's header
    // naming another role ("Reviewer") narrows a section of maintainers, never widens a narrower one.
    const narrowed =
      here.meaning === 'maintainer' && headerRole && !NOT_NARROWING.has(headerRole) ? headerRole : undefined
    const meaning =
      rowRole && rowRole !== 'inherit' && here.meaning !== 'emeritus' ? rowRole : (narrowed ?? here.meaning)
    if (meaning === 'none' || meaning === 'inherit') return
    const role: Role = meaning
    const key = `${role}\n${section ?? ''}\n${login.toLowerCase()}`
    if (seen.has(key)) return
    seen.add(key)
    const holder: GovernanceRole = {login, role, file: file.path, line: lineNo, kind, source: `${file.path}:${lineNo}`}
    if (section) holder.section = section
    if (declared) holder.declaredAffiliation = declared
    if (declared && beside) holder.declaredBeside = true
    result.roles.push(holder)
  }

  const addAddressed = (person: {name: string; email: string}, lineNo: number): void => {
    const {meaning, section} = current()
    if (meaning === 'none' || meaning === 'inherit') return
    const key = `${meaning}\n${section ?? ''}\n${person.email.toLowerCase()}`
    if (seen.has(key)) return
    seen.add(key)
    const holder: AddressedRole = {
      ...person,
      role: meaning,
      file: file.path,
      line: lineNo,
      kind,
      source: `${file.path}:${lineNo}`,
    }
    if (section) holder.section = section
    result.addressed ??= []
    result.addressed.push(holder)
  }

  /** The people linked after "maintained by" in a sentence: maintainers, or emeriti when it says they were. */
  const maintainedBy = (text: string, lineNo: number): void => {
    const at = text.search(/\bmaintained by\b/i)
    // Under a heading naming no role ("Contributors", "Thanks"), or of something else ("This list is maintained by"):
    // not the project's maintainers.
    if (at < 0 || headings.some((h) => h.meaning === 'none') || NOT_THE_PROJECT.test(text.slice(0, at))) return
    const role = FORMER.test(text.slice(0, at)) ? 'emeritus' : 'maintainer'
    for (const {login, index} of loginsIn(text)) if (index > at && isLogin(login)) add(login, lineNo, undefined, role)
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const lineNo = i + 1
    if (FENCE.test(line)) fenced = !fenced
    if (fenced || FENCE.test(line)) continue
    if (comment || line.trim().startsWith('<!--')) {
      comment = !line.includes('-->')
      continue
    }
    // A Markdown link reference definition names nobody where it stands: it is read where the file uses it.
    if (!options.rst && targets.size > 0 && isLinkDefinition(line)) continue
    if (options.rst && (isExplicitMarkup(line) || isGridBorder(line))) {
      const list = /^\.\.\s+list-table::/.test(line) ? listTable(lines, i) : undefined
      const grid = isGridBorder(line) ? gridTable(lines, i) : undefined
      const rows = list ?? grid
      if (rows) {
        // A list-table's caption ("OVS Emeritus Maintainers") says the role of its rows, as a label would.
        const caption = list?.caption
          ? {text: list.caption, meaning: sectionMeaning(plain(list.caption)), words: words(list.caption)}
          : undefined
        const saved = label
        if (caption && caption.meaning !== 'inherit') label = caption
        for (const row of tableRows(rows, targets)) add(row.login, row.line, row.declared, row.role, row.headerRole)
        label = saved
        i = rows.end - 1
      } else i = explicitMarkupEnd(lines, i) - 1
      table = undefined
      inItem = false
      previousFilled = false
      continue
    }
    const heading = options.rst
      ? rstHeading(line, lines[i + 1], rstLevels)
      : (atxHeading(line) ?? setextHeading(line, lines[i + 1]))
    if (heading) {
      if (options.rst || !atxHeading(line)) i++
      while (headings.length && headings[headings.length - 1].level >= heading.level) headings.pop()
      const text = plain(heading.text)
      headings.push({
        ...heading,
        ...(options.processHeadings && isProcess(text) ? {meaning: 'none'} : meaningOf(text)),
      })
      label = undefined
      table = undefined
      inItem = false
      html = false
      continue
    }
    const trimmed = line.trim()
    if (!trimmed) {
      previousFilled = false
      html = false
      if (table?.pipeless) table = undefined
      continue
    }
    // An HTML block (up to the next blank line) under a role heading: ESLint's generated README team tables,
    // `<a href="https://github.com/login"><img ...><br />Name</a>` (https://github.com/eslint/eslint README.md "Team").
    if (html || (trimmed.startsWith('<') && !AUTOLINK.test(trimmed) && !LIST_ITEM.test(line))) {
      html = true
      table = undefined
      for (const {login} of loginsIn(trimmed)) if (isLogin(login)) add(login, lineNo)
      continue
    }
    // GFM tables need no leading pipe (`[Sindre Sorhus](...) | [Szymon Marczak](...)` over `---|---`: sindresorhus/got
    // readme.md "Maintainers"); such a table starts at a header whose delimiter row has as many cells and a pipe, and
    // ends at a blank line (https://github.github.com/gfm/#tables-extension-).
    const pipelessHeader = !trimmed.startsWith('|') && !options.rst && pipelessDelimiter(trimmed, lines[i + 1])
    if (trimmed.startsWith('|') || pipelessHeader || (table?.pipeless && trimmed.includes('|'))) {
      const cells = splitRow(trimmed).map((cell) => resolve(cell, targets))
      // A row above a delimiter row is a header, a new table's even right below another (kyverno/kyverno OWNERS.md: a
      // "Reviewer" table after a blank line below the "Maintainer" one; blank lines are not read as ending a table, an
      // organisation file's extract blanks the rows about other projects).
      // A row that names someone is a row of the table it is in, even above a delimiter-like row (a group divider).
      if (isSeparator(lines[i + 1]) && (!table || loginsIn(cells.join(' | ')).length === 0)) {
        table = tableColumns(cells)
        if (pipelessHeader) table.pipeless = true
        // A header of people, not of column titles: GFM needs a header row, so a README puts its team's avatars there
        // ("[![Name](https://github.com/login.png)](https://github.com/login) | ...": node-fetch/node-fetch README.md).
        if (table.loginColumn < 0 && table.companyColumn < 0 && table.roleColumn < 0)
          for (const {login} of loginsIn(cells.join(' | '))) if (isLogin(login)) add(login, lineNo)
        i++
        continue
      }
      if (!table) continue
      const rowRole = table.roleColumn >= 0 ? sectionMeaning(plain(cells[table.roleColumn] ?? '')) : undefined
      for (const {login, declared} of rowPeople(cells, table)) add(login, lineNo, declared, rowRole, table.headerRole)
      continue
    }
    table = undefined
    const item = LIST_ITEM.test(line)
    // A line indented under a list item, or right below one, continues it ("* [Name](https://github.com/login),"
    // then "  <https://x.com/name>": fastify/fastify README.md).
    const continuation = !item && inItem && (/^\s/.test(line) || previousFilled)
    previousFilled = true
    // Code spans are code, not people or teams ("tagged with `@private`", "install `@babel/preset-typescript`").
    const code = withoutCode(line.replace(LIST_ITEM, '').trim(), options.rst)
    const text = resolve(code, targets)
    if (!continuation && isLabel(text)) {
      inItem = false
      // A label may end a sentence begun on the lines above: its words count with theirs.
      const before = item ? [] : sentenceBefore(lines, i)
      const said = words(text) + before.length
      label = {text: plain(text).replace(/:$/, '').trim(), ...meaningOf(plain(text)), words: said}
      // A sentence introducing a list says what it is about, the heading names its people: one naming no role and
      // speaking of the heading's people ("... the contributions from our prior core contributors, for whom we are
      // forever grateful:" under "Core Contributor Alumni": chaijs/chai README.md) leaves them the heading's role; one
      // saying thanks, sponsors, release managers ("Many thanks to the following people...") gives them none.
      if ((label.meaning === 'none' || label.meaning === 'inherit') && said > LABEL_NAME_WORDS)
        label.meaning = introduced(`${before.reverse().join(' ')} ${plain(text)}`, label.meaning, headings, everyLine)
      if (label.meaning !== 'none' && label.meaning !== 'inherit')
        for (const team of teamsIn(text)) result.teams.push({team, file: file.path, line: lineNo, section: label.text})
      continue
    }
    if (item) inItem = true
    else if (!continuation) {
      inItem = false
      // A line holding one profile link and nothing else names that person, as a list item would ("### Matteo Collina"
      // then "<https://github.com/mcollina>": pinojs/pino README.md "The Team").
      const lone = !everyLine && LONE_PROFILE.exec(text.trim())
      if (lone) {
        if (isLogin(lone[1])) add(lone[1], lineNo)
        continue
      }
      if (!everyLine) {
        if (options.maintainedBy) maintainedBy(withoutQuotations(text, false), lineNo)
        // A README paragraph ends the list a label introduced.
        label = undefined
        continue
      }
    }
    // In prose (a MAINTAINERS.md that is a handbook: "admin rights to the [mochajs GitHub org](https://github.com/mochajs)")
    // only `@handles` and links on a short line name people (names.ts peopleNamed); in a list, every login does.
    // A long sentence tells a story even by @handle ("originally conceived by Chris Mungall (@cmungall) and ...":
    // phenopackets/phenopacket-schema MAINTAINERS.rst, whose current maintainers are listed below it).
    // A quotation names nobody: it is what someone writes ("e.g. "Fixed foo. (@person)"": jsdom/jsdom MAINTAINERS.md).
    const said = withoutQuotations(text, item || continuation)
    const people =
      item || continuation
        ? loginsIn(said)
        : storyWords(said) > MAX_STORY_WORDS
          ? []
          : peopleNamed(said, () => words(said) + (proseAfter(said) ? sentenceWordsBefore(lines, i) : 0))
    const [only] = people.length === 1 ? people : []
    const declared = only
      ? (trailingCompany(text.slice(0, only.index), only.login, text.slice(only.end)) ??
        parenthesisedCompany(text.slice(0, only.index), text.slice(only.end), options.rst === true))
      : undefined
    for (const {login} of people) if (isLogin(login)) add(login, lineNo, declared, undefined, undefined, true)
    // A MAINTAINERS.md line naming a person by address only (`- Name <address>`, `[Name](mailto:address)`): a role
    // holder once a commit links the address to an account (../addressed.ts). Not in a README, whose prose lines
    // may credit anyone.
    const addressed = everyLine && people.length === 0 ? nameAndAddress(code) : undefined
    if (addressed) addAddressed(addressed, lineNo)
  }
  return result
}

/**
 * `text` with its quotations ("…", “…”) blanked, each character by a space so that positions hold; one pass, no
 * nested repetition. A quotation is an example or someone's words ("note it as "Fixed foo. (@person)""), naming no one.
 */
function withoutQuotations(text: string, listed: boolean): string {
  if (!/["“]/.test(text)) return text
  // A quotation opens after a space or a bracket and closes before one or punctuation (`12" screen` and `7" Grace` are
  // inch marks, not quotations). In a list item it is a phrase (a space in it): `- "@ada-l"` is a quoted handle, one
  // of the list; in prose, `Ask "@nobody"` is an example.
  return text.replace(/(?<=^|[\s([])(?:"[^"]*"|“[^“”]*”)(?=$|[\s)\].,;:!?])/g, (quoted) =>
    !listed || /\s/.test(quoted) ? ' '.repeat(quoted.length) : quoted,
  )
}

/**
 * Words other than handles, links and the names beside handles a prose line holds at most and still names people
 * ("Maintained by @a and @b.", "The maintainers are Alice Smith (@alice), Bob Jones (@bob), ... and Frank Lee
 * (@frank)."): each handle may stand with a name of up to three words, which are not counted.
 */
const MAX_STORY_WORDS = 14

function storyWords(text: string): number {
  const counted = plain(text)
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word) && !/^[(<[]?@|:\/\//.test(word)).length
  const handles = text.match(/(?:^|[\s(<[])@[A-Za-z0-9]/g)?.length ?? 0
  return counted - 3 * handles
}

/**
 * Whether words go on after the last person a line links ("[Crossplane organization](https://github.com/crossplane/)
 * will list their"), addresses and parentheses aside: a line holding only a person ("[Ada L](https://github.com/ada-l)
 * <ada@example.com>") under "The current maintainers of this project are" is one of a list, however long its
 * introduction.
 */
export function proseAfter(text: string): boolean {
  const last = loginsIn(text).at(-1)
  if (!last) return false
  // Addresses, links and handles (a word holding `@` or `:`) are no prose: dropped word by word (`\S*[@:]\S*` as an
  // expression backtracked quadratically on a long run without a space).
  const rest = text.slice(last.end).replace(/^[)>\]\s]+/, '')
  // A company or a role after a comma or a dash ("[Ada Lovelace](link), Acme Corp", "... - lead") annotates a list's
  // person; it is no sentence going on.
  if (/^[,–—-]/.test(rest)) return false
  const after = plain(rest).replace(/<[^<>]*>|\([^()]*\)/g, ' ')
  return after.split(/\s+/).some((word) => !word.includes('@') && !word.includes(':') && /\p{L}/u.test(word))
}

/** Lines above a paragraph line looked at for the start of its sentence (a sentence is rarely longer). */
const SENTENCE_LINES = 8

/**
 * The words a paragraph line's sentence has on the lines above it: a line break inside a paragraph is a soft one
 * (https://spec.commonmark.org/0.31.2/#soft-line-breaks), so "Each repository in the" then "[Crossplane
 * organization](https://github.com/crossplane/) will list their" is one sentence, too long to name a person by link
 * (crossplane/crossplane OWNERS.md). Counting stops at the end of a sentence (`.`, `!`, `?`, `:`), at a line that
 * is no paragraph text (blank, a list item, a table row, a heading, HTML), and at a line naming someone: people
 * written one a line, without bullets, are a list, not a sentence.
 */
function sentenceWordsBefore(lines: readonly string[], index: number): number {
  return sentenceBefore(lines, index).length
}

/** The words of the sentence a paragraph line ends, on the lines above it (last first). */
function sentenceBefore(lines: readonly string[], index: number): string[] {
  const found: string[] = []
  for (let j = index - 1; j >= 0 && index - j <= SENTENCE_LINES; j--) {
    const line = lines[j].trim()
    // A fence or the end of a comment is no paragraph text either (what is inside them was never read).
    if (!line || LIST_ITEM.test(lines[j]) || FENCE.test(line) || line.endsWith('-->')) break
    if (/^([|#<>]|[-=*_]{3,}\s*$)/.test(line) || loginsIn(line).length) break
    const tokens = plain(line).split(/\s+/).filter(Boolean)
    for (let k = tokens.length - 1; k >= 0; k--) {
      if (/[.!?:]["')\]*]*$/.test(tokens[k])) return found
      found.push(tokens[k])
    }
  }
  return found
}

/**
 * What a sentence introducing a list that names no role (`meaning`: `none` or `inherit`) gives its people: the role of
 * the nearest heading saying anything (`inherit`) when every word it has saying "no role" (thanks, sponsors, triage,
 * managers, contributors: names.ts) is one that heading says too ("our prior core contributors" under "Core Contributor
 * Alumni": chaijs/chai README.md), so it speaks of the heading's people; otherwise none ("Many thanks to the following
 * people..." under "Maintainers"). A sentence naming a role on its lines above keeps its label's meaning.
 */
function introduced(
  sentence: string,
  meaning: SectionMeaning,
  headings: readonly Heading[],
  every: boolean,
): SectionMeaning {
  if (ROLE_MEANING(sectionMeaning(sentence))) return meaning
  let heading: Heading | undefined
  for (let i = headings.length - 1; i >= 0 && !heading; i--)
    if (headings[i].meaning !== 'inherit') heading = headings[i]
  if (!ROLE_MEANING(heading ? heading.meaning : every ? 'maintainer' : 'none')) return meaning
  const own = new Set(heading ? nonRoleWords(plain(heading.text)).map(singular) : [])
  return nonRoleWords(sentence).every((word) => own.has(singular(word))) ? 'inherit' : 'none'
}

function singular(word: string): string {
  return word.endsWith('s') ? word.slice(0, -1) : word
}

function words(text: string): number {
  return plain(text).split(/\s+/).filter(Boolean).length
}

/**
 * `text` without its code spans: a run of backticks up to the next run of the same length
 * (https://spec.commonmark.org/0.31.2/#code-spans). One pass over the runs, so linear in the line's length (a
 * backreference expression was cubic on a line of backticks).
 */
export function withoutCode(text: string, rst = false): string {
  const runs: Array<{start: number; end: number}> = []
  for (const match of text.matchAll(/`+/g)) {
    // In reStructuredText a single backtick is a link or role (`@login <https://github.com/login>`_), not code.
    if (rst && match[0].length !== 2) continue
    runs.push({start: match.index, end: match.index + match[0].length})
  }
  if (runs.length < 2) return text
  // Index of the next run of each length, filled from the end.
  const next = new Array<number>(runs.length).fill(-1)
  const seen = new Map<number, number>()
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i].end - runs[i].start
    next[i] = seen.get(length) ?? -1
    seen.set(length, i)
  }
  let out = ''
  let from = 0
  for (let i = 0; i < runs.length; i++) {
    const close = next[i]
    if (close < 0) continue
    out += `${text.slice(from, runs[i].start)} `
    from = runs[close].end
    i = close
  }
  return out + text.slice(from)
}

/**
 * Headings of governance prose about how roles work rather than who holds them: "Becoming a Maintainer", "Adding
 * maintainers", "Expectations from Maintainers", "Maintainer responsibilities", "Handling inactive maintainers".
 */
const PROCESS =
  /\b(becom\w*|add\w*|remov\w*|expect\w*|responsib\w*|dut(y|ies)|nominat\w*|elect\w*|promot\w*|requirement\w*|process|inactiv\w*|stepping|step down|changes?|how|what|why|when|decision\w*|conflict\w*|onboard\w*|offboard\w*|privileges?|rights|should|can|must|lifecycle|criteria|qualif\w*|vot\w*|term\w*)\b/i

/**
 * What a heading or label says. A role named since a year ("Meet our maintainers since 2008:", urllib3/urllib3
 * README.md) is that role: the span of time names no role, so all on such a roll keep it (which of them left, it never
 * says).
 */
function labelMeaning(text: string, everyLine: boolean): {meaning: SectionMeaning} {
  // In a MAINTAINERS file a team named by its work ("Release team") is maintainers (names.ts maintainersFileMeaning).
  return {meaning: everyLine ? maintainersFileMeaning(text) : sectionMeaning(text)}
}

function isProcess(heading: string): boolean {
  return PROCESS.test(heading)
}

/**
 * Words a label holds at most and still names its section: a sentence that introduces a list ("We would like to
 * acknowledge previous committers and their huge contributions to our collective success:" under "Cilium & Hubble
 * Emeritus Committers": cilium/cilium MAINTAINERS.md) still says the role of its people, but the heading names them.
 */
const LABEL_NAME_WORDS = 8

/** A heading or label meaning that gives its people a role. */
const ROLE_MEANING = (meaning: SectionMeaning): boolean => meaning !== 'none' && meaning !== 'inherit'

function innermost(headings: Heading[], label: {text: string; words: number} | undefined): string | undefined {
  if (label && label.words <= LABEL_NAME_WORDS) return label.text
  return headings.length ? plain(headings[headings.length - 1].text) : label?.text
}

export function atxHeading(line: string): {level: number; text: string} | undefined {
  const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)
  return match ? {level: match[1].length, text: match[2]} : undefined
}

/** A reStructuredText section title: a line underlined with one punctuation character repeated (an overline is skipped). */
function rstHeading(
  line: string,
  next: string | undefined,
  levels: Map<string, number>,
): {level: number; text: string} | undefined {
  if (!next || !line.trim() || RST_ADORNMENT.test(line) || LIST_ITEM.test(line)) return undefined
  const underline = RST_ADORNMENT.exec(next)
  if (!underline || next.trim().length < Math.min(line.trim().length, 3)) return undefined
  const char = underline[1]
  if (!levels.has(char)) levels.set(char, levels.size + 1)
  return {level: levels.get(char) ?? 1, text: line.trim()}
}

const RST_ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}\s*$/

function setextHeading(line: string, next: string | undefined): {level: number; text: string} | undefined {
  if (!next || !line.trim() || LIST_ITEM.test(line) || line.trim().startsWith('|')) return undefined
  if (/^\s*=+\s*$/.test(next)) return {level: 1, text: line.trim()}
  if (/^\s*-{3,}\s*$/.test(next)) return {level: 2, text: line.trim()}
  return undefined
}

/** "General maintainers:", "**Reviewers**:", "- Approvers ([@org/team](...)):" — a line introducing a list. */
function isLabel(text: string): boolean {
  const bare = text.replace(/[*_]+/g, '').trim()
  return bare.endsWith(':') && loginsIn(bare.replace(/\([^)]*\)/g, '')).length === 0
}

/** Text without Markdown links, emphasis, code marks and parentheticals: what a heading or label says. */
export function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\([^)]*\)/g, '')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export function splitRow(row: string): string[] {
  const cells = row.split(/(?<!\\)\|/).map((cell) => cell.trim())
  if (cells[0] === '') cells.shift()
  if (cells.length && cells[cells.length - 1] === '') cells.pop()
  return cells
}

/**
 * Whether a line with no leading pipe heads a GFM table: the next line is a delimiter row with a pipe and the same number
 * of cells (a lone `---` under a line is a setext heading's underline).
 */
function pipelessDelimiter(header: string, next: string | undefined): boolean {
  if (next === undefined || !next.includes('|') || !header.includes('|') || !isSeparator(next)) return false
  return splitRow(header).length === splitRow(next.trim()).length
}

export function isSeparator(line: string | undefined): boolean {
  return line !== undefined && /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)
}

function tableColumns(header: string[]): Table {
  const find = (pattern: RegExp) => header.findIndex((cell) => pattern.test(plain(cell)))
  const table: Table = {
    loginColumn: find(/github|handle|login|user ?name|\bid\b/i),
    companyColumn: find(/affiliation|company|organi[sz]ation|employer/i),
    roleColumn: find(/^(role|roles|position|title)$/i),
  }
  // The first column's title, where the rows' names stand ("Maintainer", "Reviewer", "Owner"), when it is a role's name
  // alone and the logins are in a column of their own; a title that asks or qualifies ("Emeritus?", "Reviewers
  // needed") or a column of logins ("| Approvers | Reviewers |") holds values per row, not the role of every row.
  const title = plain(header[0] ?? '')
  const first =
    table.loginColumn > 0 && table.companyColumn !== 0 && table.roleColumn !== 0 && ROLE_TITLE.test(title)
      ? sectionMeaning(title)
      : 'inherit'
  if (first !== 'inherit' && first !== 'none') table.headerRole = first
  return table
}

/** A first column titled by a role alone: "Reviewer", "Maintainers", "Emeritus Approvers". */
const ROLE_TITLE =
  /^(?:(?:emeritus|former|past|retired)\s+)?(?:maintainers?|reviewers?|approvers?|committers?|triagers?|owners?|emeritus)(?:\s+emeritus)?$/i

/** What a table's header cannot narrow a section of maintainers to. */
const NOT_NARROWING: ReadonlySet<SectionMeaning> = new Set(['inherit', 'none', 'maintainer'])

/** The people of a reStructuredText table's rows, read by its header as a Markdown table is. */
function tableRows(
  table: RstTable,
  targets: ReadonlyMap<string, string>,
): Array<{login: string; line: number; declared?: string; role?: SectionMeaning; headerRole?: SectionMeaning}> {
  const columns: Table = table.header
    ? tableColumns(table.header)
    : {loginColumn: -1, companyColumn: -1, roleColumn: -1}
  const headerRole = columns.headerRole
  return table.rows.flatMap((row) => {
    const cells = row.cells.map((cell) => resolveReferences(withoutCode(cell, true), targets))
    const role = columns.roleColumn >= 0 ? sectionMeaning(plain(cells[columns.roleColumn] ?? '')) : undefined
    return rowPeople(cells, columns).map(({login, declared}) => ({login, line: row.line, declared, role, headerRole}))
  })
}

function rowPeople(cells: string[], table: Table): Array<{login: string; declared?: string}> {
  const declaredCell = table.companyColumn >= 0 ? plain(cells[table.companyColumn] ?? '') : ''
  const declared = /^(|-|–|n\/a|none|tbd)$/i.test(declaredCell) ? undefined : declaredCell
  if (table.loginColumn >= 0) {
    const cell = cells[table.loginColumn] ?? ''
    const found = loginsIn(cell).map((match) => match.login)
    const bare = plain(cell).replace(/^@/, '')
    const logins = found.length ? found : isLogin(bare) ? [bare] : []
    return logins.map((login) => ({login, declared}))
  }
  return loginsIn(cells.join(' | ')).map(({login}) => ({login, declared}))
}

const ROLE_WORD =
  /^(emeritus |former |past |retired |lead |core )?(maintainer|approver|reviewer|committer|collaborator|triager|owner|lead|member|contributor)s?( emeritus)?$/i

/** What a parenthesis after a person says when it is not a company: a role, a status, a time, pronouns. */
const NOT_A_COMPANY =
  /\b(?:maintainers?|approvers?|reviewers?|committers?|collaborators?|triagers?|owners?|leads?|members?|contributors?|emerit\w*|alumn\w*|inactive|retired|former|past|current|chairs?|co-chairs?|liaisons?|founders?|creators?|authors?|admins?|administrators?|release|stewards?|leave|since|until|he|she|they|him|her|them|pronouns?|team|committee|steering|tsc|tc)\b/i

/**
 * "(Isovalent)" after a person named by a link whose text is their name: `[Liz Rice](https://github.com/lizrice)
 * (Isovalent)`, `` `Liz Rice`_ (Isovalent) `` (cilium/cilium MAINTAINERS.md and MAINTAINERS.rst), the parenthesis
 * the last thing on the line. Only after a name of two words or more: after a handle (`@alice (Alice Smith)`) or a
 * single word, a parenthesis gives the person's name as often as a company, and a name is never read as an employer.
 * A role, a status, a date or pronouns ("(emeritus)", "(on leave)", "(since 2021)", "(she/her)") is no company,
 * nor is anything not written as a proper name (a capital letter or a digit first).
 */
function parenthesisedCompany(before: string, rest: string, rst: boolean): string | undefined {
  const match = /^(?:\)|>`?_{0,2})?\s*\(([^()]{1,60})\)[.,;]?\s*$/.exec(rest)
  if (!match) return undefined
  // In Markdown a name is a link's text (`[Liz Rice](`); `<https://github.com/x>` is an autolink, and what stands
  // before it is prose ("Questions go to <…> (Ada)"), not a name. In reStructuredText `Liz Rice <url>` is a link.
  const name = rst || before.trimEnd().endsWith('](') ? linkText(before) : undefined
  if (!name || words(name) < 2) return undefined
  const company = plain(match[1].replace(/[*_`]+/g, '')).trim()
  if (!/^[\p{Lu}\p{N}]/u.test(company) || words(company) > 5) return undefined
  if (/[<>@~/\\:=]|\bwww\.|\b(?:19|20)\d\d\b/i.test(company) || NOT_A_COMPANY.test(company)) return undefined
  if (name.toLowerCase().split(/\s+/).includes(company.toLowerCase()) || company.toLowerCase() === name.toLowerCase())
    return undefined
  return company
}

/**
 * The text of the link a URL starts right after: `[Liz Rice](` (Markdown) or `` `Liz Rice <`` / `Liz Rice <` (an
 * RST link, or a reference resolved to one). String operations, not an expression: linear in the line whatever it
 * holds.
 */
function linkText(before: string): string | undefined {
  const end = before.trimEnd()
  const markdown = end.endsWith('](')
  if (!markdown && !end.endsWith('<')) return undefined
  const inner = end.slice(0, markdown ? -2 : -1)
  const start = markdown ? inner.lastIndexOf('[') : inner.lastIndexOf('`')
  if (markdown && start < 0) return undefined
  const text = inner.slice(start + 1).trim()
  return /[[\]`<>()@]/.test(text) ? undefined : text
}

/**
 * ", Honeycomb" after a person's link: the company the file declares for them ("- [Alex Boten](https://github.com/codeboten),
 * Grafana Labs": open-telemetry/opentelemetry-collector README.md). After a person given by their login alone
 * ("- @ada-l, Ada Lovelace", "- [ada-l](https://github.com/ada-l), ..."), words may as well be their name, so they are
 * a company only when written as one, with its legal form ("- [arjan-bal](https://github.com/arjan-bal), Google LLC":
 * grpc/grpc-go MAINTAINERS.md); one word is no one's full name ("- [t2t2](https://github.com/t2t2), Splunk":
 * open-telemetry/opentelemetry-js README.md). A role, a status, a date or pronouns ("she/her", "since 2019") is never
 * a company.
 */
function trailingCompany(before: string, login: string, rest: string): string | undefined {
  const match = /^\)?\s*[,–—]\s*(.+?)\s*$/.exec(rest)
  if (!match) return undefined
  // A link, an address or a handle after the person is not a company ("<https://x.com/dalisoft>", "<https://www.npmjs.com/~ronag>").
  if (/[<>@~:]|\bwww\./i.test(match[1])) return undefined
  const written = plain(match[1])
  const trimmed = trimEnd(written, '.;,').trim()
  // The period of an abbreviated legal form is the company's name ("Datadog, Inc.": grpc/grpc-go MAINTAINERS.md).
  const company = ABBREVIATED_FORM.test(trimmed) && written.startsWith(`${trimmed}.`) ? `${trimmed}.` : trimmed
  // A role after the person is no company ("- [Austin Parker](https://github.com/austinlparker), Maintainer" under
  // "### Emeritus": open-telemetry/opentelemetry-demo README.md).
  if (ROLE_WORD.test(company) || NOT_A_COMPANY.test(company) || /\b(?:19|20)\d\d\b/.test(company)) return undefined
  if (!nameBefore(before, login) && words(company) > 1 && !hasLegalForm(company)) return undefined
  return company && loginsIn(company).length === 0 && company.length <= 100 ? company : undefined
}

/** A legal form written abbreviated, whose period belongs to it ("Inc.", "Ltd.", "Corp.", "Co."). */
const ABBREVIATED_FORM = /[\s,](?:inc|ltd|corp|co|pty|bhd)$/i

/**
 * Whether a person's line names them before their login: a link's text other than the login ("[Alex Boten](" before
 * `https://github.com/codeboten`), or words before a handle ("Ada Lovelace (" before `@ada-l`).
 */
function nameBefore(before: string, login: string): boolean {
  const name = trimEnd(plain(linkText(before) ?? before), NAME_EDGE)
    .replace(/^[\s()[\]<>*_`:,;|-]+/, '')
    .replace(/^@/, '')
  return /\p{L}/u.test(name) && name.toLowerCase() !== login.toLowerCase()
}

/** What stands around a name before a person's login and is not part of it (list marks, brackets, emphasis). */
const NAME_EDGE = /[\s()[\]<>*_`:,;|-]/
