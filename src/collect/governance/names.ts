/** GitHub logins and the ways governance files write them. */
import type {Role} from '../../core/model.js'

// GitHub: 1-39 characters, letters, digits and inner hyphens (some old accounts end in a hyphen).
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

export function isLogin(text: string): boolean {
  return LOGIN.test(text)
}

/**
 * `@login` not inside an email (`a@b.c`, Markdown's escaped `88adavis\@gmail.com`, `@gmail.com`) and not an
 * `@org/team` mention.
 */
const HANDLE = /(?<![\w.@/\\])@([A-Za-z0-9][A-Za-z0-9-]{0,38})(?![\w/-]|\.[A-Za-z0-9])/g
/** `@org/team` mentions. */
const TEAM = /(?<![\w.@/\\])@([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][\w.-]*)/g
/** A profile link ends right after the login (`https://github.com/login`), unlike repository or team links. */
const PROFILE = /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/?(?=$|[\s)>"'\]|,])/g
/**
 * A profile picture, `https://github.com/login.png` (GitHub serves each account's avatar there): READMEs show their team
 * as avatars linked to a home page ("[![Sindre Sorhus](https://github.com/sindresorhus.png?size=100)](https://sindresorhus.com)":
 * sindresorhus/got readme.md).
 */
const AVATAR = /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\.png(?=$|[?\s)>"'\]|,])/g

/** Logins named in a piece of text, in order of appearance, each once: `@handles` and profile links. */
export function loginsIn(text: string): Array<{login: string; index: number; end: number}> {
  const found: Array<{login: string; index: number; end: number}> = []
  for (const pattern of [HANDLE, PROFILE, AVATAR]) {
    for (const match of text.matchAll(pattern)) {
      found.push({login: match[1], index: match.index, end: match.index + match[0].length})
    }
  }
  found.sort((a, b) => a.index - b.index)
  const seen = new Set<string>()
  return found.filter(({login}) => {
    const key = login.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Words on a line that names a person by a profile link alone ("[Grace Hopper](https://github.com/grace-h)"). */
const PERSON_LINE_WORDS = 6

/**
 * The logins of a line that name people there. In prose (a MAINTAINERS file that is a handbook, "repositories under
 * https://github.com/fluxcd"), a profile link inside a sentence names an organisation more often than a person:
 * only `@handles`, or profile links on a line of at most six words (`wordsOf`, counted once, when asked), count.
 * Shared by the plain-text and Markdown parsers.
 */
export function peopleNamed(text: string, wordsOf: () => number): Array<{login: string; index: number; end: number}> {
  let words: number | undefined
  return loginsIn(text).filter(({index}) => {
    if (text[index] === '@') return true
    words ??= wordsOf()
    return words <= PERSON_LINE_WORDS
  })
}

export function teamsIn(text: string): string[] {
  return [...text.matchAll(TEAM)].map((match) => match[1])
}

/** What a heading or list label says about the people under it. */
export type SectionMeaning = Role | 'none' | 'inherit'

/**
 * Order matters: "Emeritus Maintainers" are emeritus, "Emeritus Triagers" and "Collaborator emeriti" too;
 * "Triagers" are triagers (never maintainers); "release coordinators" and "Releasers" hold no role we track
 * (`none`); a heading naming no role ("Current") inherits the enclosing one.
 */
const MEANINGS: Array<[RegExp, SectionMeaning]> = [
  [/\b(emerit(us|i|ae|a)|former|previous|alumni|retired|past|inactive)\b/i, 'emeritus'],
  [/\bsecurity\b/i, 'security-contact'],
  [/\breviewers?\b/i, 'reviewer'],
  [/\bapprovers?\b/i, 'approver'],
  // Node.js-style projects (nodejs/node, nodejs/undici, Express): a Collaborator has commit access
  // (https://github.com/nodejs/node/blob/main/GOVERNANCE.md#collaborators).
  [/\b(committers?|collaborators?)\b/i, 'committer'],
  [/\b(maintainers?|maintained by|owners?|leads?|core team)\b/i, 'maintainer'],
  // A project's own technical committee (ESLint's "Technical Steering Committee (TSC)", Express's "TC", lodash's and
  // Node.js's TSC) is who decides and merges: its maintainers. Any other committee, council or board holds no role.
  [/\btechnical (steering )?committee\b/i, 'maintainer'],
  [/\b(TSC|TC)\b/, 'maintainer'],
  [/\btriagers?\b/i, 'triager'],
  // A README's own team, named by no other word ("## Team", "## The Team", "## Team Members", "### Core Contributors"),
  // is who keeps the project: node-fetch/node-fetch README.md "Team" (its "Former" below), nodejs/readable-stream
  // README.md "Team Members" (the Streams WG, which "maintained" it: its GOVERNANCE.md), pinojs/pino "The Team",
  // chaijs/chai "Core Contributors" (then "Core Contributor Alumni"). A team named by its work ("Plugins team",
  // "Docs team", "Team & Permissions") is that team, not the maintainers.
  [/^(?:the |our |meet the )?team(?: members)?:?$|^core contributors:?$/i, 'maintainer'],
  [/\bteams?\b/i, 'none'],
  // Directors lead what is not code (linkerd/linkerd2 GOVERNANCE.md: "non-technical leadership functions"), though
  // its MAINTAINERS.md lists them under its "# Maintainers" title. "Friends of" a project help without a role ("people
  // that are not maintainers but typically help out": envoyproxy/envoy OWNERS.md "# Friends of Envoy"). Advisors "offer
  // advice" (hyperium/hyper docs/GOVERNANCE.md; its docs/MAINTAINERS.md lists them under "# The People").
  [
    /\b(triage|directors?|advisors?|advisers?|friends?|coordinators?|managers?|releasers?|contributors?|members?|shepherds?|liaisons?|sponsors?|champions?|stewards?|ambassadors?|committee|council|board|thanks|acknowledg\w*)\b/i,
    'none',
  ],
]

/** The words of `text` saying its people hold no role we track ("thanks", "sponsors", "triage", "team"), lower case. */
export function nonRoleWords(text: string): string[] {
  return NONE_WORDS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[0].toLowerCase()))
}

export function sectionMeaning(text: string): SectionMeaning {
  for (const [pattern, meaning] of MEANINGS) if (pattern.test(text)) return meaning
  return 'inherit'
}

const NONE_WORDS = MEANINGS.filter(([, meaning]) => meaning === 'none').map(
  ([pattern]) => new RegExp(pattern.source, 'gi'),
)

/**
 * What a heading or label says in a MAINTAINERS file, where every person is a maintainer unless told otherwise: a team
 * named only by engineering work on the code ("Release team", "Docs team", "CI/Infra team": `WORK`) groups maintainers by
 * what they look after, so its people are maintainers, where a README's or team page's would hold no role
 * (`sectionMeaning`). Any other team ("Community team", "Marketing team", "Moderation team", "Program management
 * team") holds no role; the rest of the heading still speaks: "Triage team" is no role, "Security team" security
 * contacts (named before any team), "Emeritus team" emeritus.
 */
export function maintainersFileMeaning(text: string): SectionMeaning {
  const said = sectionMeaning(text)
  if (said !== 'none' || !TEAM_WORD.test(text)) return said
  const rest = text.replace(TEAM_WORDS, ' ')
  const meaning = sectionMeaning(rest)
  if (meaning !== 'inherit') return meaning
  const words = rest
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
  return words.some((word) => WORK.has(word)) && words.every((word) => WORK.has(word) || JOINING.has(word))
    ? 'maintainer'
    : 'none'
}

/** Engineering work on the code a MAINTAINERS file's team may be named for. */
const WORK = new Set([
  'release',
  'releases',
  'docs',
  'documentation',
  'build',
  'builds',
  'infra',
  'infrastructure',
  'ci',
  'testing',
  'test',
  'tests',
  'packaging',
])
const JOINING = new Set(['and', 'or', 'the'])

const TEAM_WORD = /\bteams?\b/i
const TEAM_WORDS = /\bteams?\b/gi

/** An e-mail address: a local part, `@`, and a domain of dotted labels (no label holds a dot: one way to read it). */
const ADDRESS = /^[^<>\s@]+@[^<>\s@.]+(?:\.[^<>\s@.]+)+$/
const LIST_MARKER = /^[-*+]\s+/
/**
 * What a person's name holds none of: a handle, a link, a company in parentheses, Markdown's brackets, and a colon
 * (`M: Name <address>` and `R: …` in kernel-style MAINTAINERS files, `Signed-off-by: Name <address>` trailers: a tag
 * whose role is not read here).
 */
const NOT_IN_NAME = /[<>@()[\]:]/
/** `[Name](mailto:address)`, alone: Markdown's way of writing a person by address. */
const MAILTO = /^\[([^[\]]{1,200})\]\(mailto:([^()\s]{1,320})\)$/i

/**
 * A person written by e-mail address only, alone on a line (a list marker allowed): `Name <address>` (plain
 * MAINTAINERS files, gunicorn's; Markdown's autolink) or `[Name](mailto:address)`. Cut at the last `<` rather than
 * matched by one expression: a lazy name before optional spaces was quadratic on a 2,000-character line of spaces.
 */
export function nameAndAddress(line: string): {name: string; email: string} | undefined {
  const text = line.replace(LIST_MARKER, '').trim()
  const mailto = MAILTO.exec(text)
  const open = text.lastIndexOf('<')
  const [name, email] = mailto
    ? [mailto[1].trim(), mailto[2]]
    : open > 0 && text.endsWith('>')
      ? [text.slice(0, open).trim(), text.slice(open + 1, -1).replace(/^mailto:/i, '')]
      : []
  return name && email && !NOT_IN_NAME.test(name) && isAddress(email) ? {name, email} : undefined
}

/** An e-mail address, whole (`local@domain.tld`). */
export function isAddress(text: string): boolean {
  return ADDRESS.test(text)
}
