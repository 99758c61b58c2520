/**
 * `cabal.project.freeze`, as `cabal freeze` writes it (cabal-install Distribution.Client.CmdFreeze
 * `projectFreezeConfig`): a project file of three fields, `active-repositories:`, `constraints:` (one
 * `any.<name> ==<version>` per package of the plan, and `<name> +flag -flag` for its flag choices) and
 * `index-state:`. Read as Cabal's field layout (Distribution.Fields): a field starts in column 1 as `name:`, its
 * value goes on over the indented lines below it, `--` starts a comment line; a line in column 1 without `:` opens a
 * section (`package foo`, `if os(windows)`), whose indented content is not read here. Written by hand: there is no
 * JavaScript reader of Cabal's format, and only these two fields are read; one pass over the lines, no regular
 * expression that backtracks.
 *
 * GHC's boot packages that cabal-install never builds from a repository are counted, not listed (./boot.ts).
 * `active-repositories:` naming a repository beside Hackage (CHaP, `cardano-haskell-packages`): the pins are listed
 * as Hackage's and that is said once; without Hackage among them (or `:none`), none is listed, said once with the
 * count.
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverOutput} from '../../types.js'
import {bootPackages} from './boot.js'
import {isPackageName, isVersion} from './names.js'

/** The repository `cabal update` fetches by default: the one whose packages are `pkg:hackage/...`. */
export const HACKAGE = 'hackage.haskell.org'

interface Segment {
  text: string
  line: number
  /** Column (1-based) of text[0]. */
  column: number
}

interface Field {
  name: string
  segments: Segment[]
}

interface Item {
  text: string
  line: number
  column: number
}

export function discoverCabalFreeze(file: string, source: string): DiscoverOutput {
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = []
  const fields: Field[] = []
  let current: Field | undefined
  let section: string | undefined
  const lines = source.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index]
    const trimmed = line.trimStart()
    if (trimmed === '' || trimmed.startsWith('--')) continue
    const indent = line.length - trimmed.length
    if (indent === 0) {
      current = undefined
      section = undefined
      const colon = fieldNameEnd(line)
      if (colon === undefined) {
        // A section: `package foo`, `if impl(ghc >= 9.4)`, `repository x`: its fields are not read.
        if (!SECTION.test(line)) {
          const message = 'a line that is neither a field (`name: value`) nor a section (package, if, repository...)'
          errors.push(lockfileError(file, 'invalid-lockfile', message, index + 1, 1))
        }
        section = line.slice(0, 80)
        continue
      }
      current = {name: line.slice(0, colon).trimEnd().toLowerCase(), segments: []}
      fields.push(current)
      current.segments.push({text: line.slice(colon + 1), line: index + 1, column: colon + 2})
    } else if (current) current.segments.push({text: line, line: index + 1, column: 1})
    else if (section !== undefined && /^constraints\s*:/i.test(trimmed))
      skipped.push({
        file,
        line: index + 1,
        reason: 'unsupported',
        message: `constraints inside "${section}" apply only there: not read`,
      })
  }
  const pinned: Pin[] = []
  for (const field of fields) {
    if (field.name !== 'constraints') continue
    for (const item of splitItems(field.segments)) readConstraint(file, item, pinned, {skipped, errors})
  }
  const boot = bootPackages(pinned)
  const fromRepositories = pinned.filter((pin) => !boot.names.has(pin.name))
  const repositories = activeRepositories(fields)
  // Hackage's when the field is missing (or empty) or names Hackage; with `:none` no repository was active.
  const listed =
    repositories === undefined || repositories.hackage || (!repositories.none && repositories.others.length === 0)
  if (repositories && !(listed && repositories.others.length === 0) && fromRepositories.length > 0) {
    const named = repositories.others.map(describeRepository).join(', ')
    const one = fromRepositories.length === 1
    const count = `${fromRepositories.length} pinned package${one ? '' : 's'}`
    const unknown = 'and the freeze file does not say which package comes from which'
    const notListed = `${count} not listed as ${one ? 'a Hackage package' : 'Hackage packages'}`
    let message: string
    if (listed)
      message = `active-repositories names ${named} besides ${HACKAGE}, ${unknown}: the ${count} ${one ? 'is listed as a Hackage package' : 'are listed as Hackage packages'}, including any that ${repositories.others.join(', ')} ${repositories.others.length === 1 ? 'provides' : 'provide'}`
    else if (repositories.others.length > 0)
      message = `active-repositories does not name ${HACKAGE} (it names ${named}), ${unknown}: ${notListed}`
    else
      message = `active-repositories makes no repository active (:none): the plan's packages were installed ones, and the freeze file does not say where they were built from: ${notListed}`
    skipped.push({file, line: repositories.line, reason: 'unsupported', message})
  }
  if (listed)
    for (const pin of fromRepositories)
      components.push(
        packageComponent(file, {
          ecosystem: 'hackage',
          name: pin.name,
          version: pin.version,
          ref: pin.ref,
          line: pin.line,
          column: pin.column,
        }),
      )
  if (boot.pins.length > 0) skipped.push({file, line: boot.pins[0].line, reason: 'unsupported', message: boot.message})
  return {components, skipped, errors}
}

/** A package version the freeze pins, at its name. */
export interface Pin {
  name: string
  version: string
  ref: string
  line: number
  column: number
}

/** The sections of a cabal project file (cabal-install's `legacyProjectConfigFieldDescrs` and its section parsers). */
const SECTION =
  /^(?:package|source-repository-package|repository|if|elif|else|program-options|program-locations)(?:\s|$)/i

/** The offset of the `:` ending a field name at the start of the line, or undefined (a section header). */
function fieldNameEnd(line: string): number | undefined {
  let end = 0
  while (end < line.length && end < 100 && /[A-Za-z0-9_-]/.test(line[end])) end++
  let colon = end
  while (colon < line.length && (line[colon] === ' ' || line[colon] === '\t')) colon++
  return end > 0 && line[colon] === ':' ? colon : undefined
}

/**
 * What `active-repositories:` makes active (cabal-install Distribution.Client.IndexUtils.ActiveRepos: a list of
 * `<repo>[:merge|:override|:skip]`, `:rest[:…]` for every other repository of the user's configuration, or `:none`):
 * whether `hackage.haskell.org` is named, and the other repositories (`:rest` counting as one, its repositories
 * being in the user's Cabal configuration). `cabal freeze` writes the repositories the plan was made with, by
 * name (CmdFreeze `projectFreezeConfig`: `:rest` resolved, skipped ones left out), `:none` when there were none.
 * undefined when the field is missing (freezes before cabal-install 3.4: the packages are Hackage's).
 */
function activeRepositories(fields: Field[]): ActiveRepositories | undefined {
  let found: ActiveRepositories | undefined
  let entries = 0
  let active = 0
  for (const field of fields) {
    if (field.name !== 'active-repositories') continue
    found ??= {line: field.segments[0].line, hackage: false, others: [], none: false}
    for (const item of splitItems(field.segments)) {
      entries++
      const entry = item.text
      // `:none` makes none active, `<repo>:skip` leaves that one out.
      if (entry === ':none' || entry.endsWith(':skip')) continue
      active++
      const name = entry.replace(/:(?:merge|override)$/, '').slice(0, 100)
      if (name === HACKAGE) found.hackage = true
      else if (found.others.length < 10 && !found.others.includes(name)) found.others.push(name)
    }
  }
  if (found) found.none = entries > 0 && active === 0
  return found
}

interface ActiveRepositories {
  /** The field's line. */
  line: number
  /** Whether `hackage.haskell.org` is named (and not skipped). */
  hackage: boolean
  /** The other repositories named (`:rest` among them), at most 10. */
  others: string[]
  /** Named entries, none active (`:none`, or every one `:skip`). */
  none: boolean
}

/** A repository as named in messages: `:rest` said for what it is. */
function describeRepository(name: string): string {
  return name === ':rest' ? ":rest (the other repositories of the user's Cabal configuration)" : name
}

/** The comma-separated items of a field's value (commas inside `{ }` version sets do not separate), trimmed. */
function splitItems(segments: Segment[]): Item[] {
  const items: Item[] = []
  let text = ''
  let start: {line: number; column: number} | undefined
  let depth = 0
  const finish = () => {
    if (start !== undefined) items.push({text: text.trimEnd(), line: start.line, column: start.column})
    text = ''
    start = undefined
  }
  for (const segment of segments) {
    if (start !== undefined) text += ' '
    for (let offset = 0; offset < segment.text.length; offset++) {
      const char = segment.text[offset]
      if (char === ',' && depth === 0) {
        finish()
        continue
      }
      if (char === '{') depth++
      else if (char === '}') depth = Math.max(0, depth - 1)
      if (start === undefined) {
        if (char === ' ' || char === '\t') continue
        start = {line: segment.line, column: segment.column + offset}
      }
      text += char
    }
  }
  finish()
  return items
}

const NAME_CHAR = /[A-Za-z0-9.:-]/
const STANZAS = new Set(['installed', 'source', 'test', 'bench'])

function readConstraint(file: string, item: Item, pinned: Pin[], out: {skipped: Skipped[]; errors: ScanError[]}): void {
  let end = 0
  while (end < item.text.length && end < 300 && NAME_CHAR.test(item.text[end])) end++
  const qualified = item.text.slice(0, end)
  const dot = qualified.lastIndexOf('.')
  const qualifier = dot >= 0 ? qualified.slice(0, dot) : undefined
  const name = qualified.slice(dot + 1)
  const property = item.text.slice(end).trim()
  const known = qualifier === undefined || qualifier === 'any' || qualifier === 'setup' || qualifier.includes(':')
  if (!known || !isPackageName(name) || property === '') {
    out.errors.push(
      lockfileError(
        file,
        'invalid-entry',
        'a constraint is `[any.]<package> <versions | flags | installed | source>`',
        item.line,
        item.column,
      ),
    )
    return
  }
  // Flag choices (`aeson +ordered-keymap`, `HsOpenSSL -fast-bignum`) and stanza or origin constraints pin nothing.
  if (/^[+-][A-Za-z0-9_]/.test(property) && property !== '-any' && property !== '-none') return
  if (property.split(/\s+/).every((word) => STANZAS.has(word))) return
  const versions = pins(property)
  const column = item.column + (dot + 1)
  if (versions === 'invalid') {
    const message = `${name}: \`==\` must be followed by a version (digits and dots)`
    out.errors.push(lockfileError(file, 'invalid-entry', message, item.line, item.column))
    return
  }
  if (versions === undefined) {
    out.skipped.push({
      file,
      line: item.line,
      reason: 'unresolved-version',
      message: `${name}: "${property.slice(0, 80)}" is a version range, not one version`,
    })
    return
  }
  for (const version of versions) pinned.push({name, version, ref: item.text.slice(0, 200), line: item.line, column})
}

/**
 * The versions a range pins: `==1.2`, `==1.0 || ==2.0` (a plan with two versions of one package, as cabal freeze
 * writes it), `== { 1.0, 2.0 }`; undefined for any other range.
 */
function pins(range: string): string[] | 'invalid' | undefined {
  const versions: string[] = []
  let invalid = false
  for (const part of range.replace(/\s+/g, '').split('||')) {
    if (!part.startsWith('==')) return undefined
    const rest = part.slice(2)
    const set = rest.startsWith('{') && rest.endsWith('}') ? rest.slice(1, -1).split(',') : [rest]
    for (const version of set) {
      // `==1.2.*` is a range; `==bar` no version at all.
      if (version.includes('*')) return undefined
      if (isVersion(version)) versions.push(version)
      else invalid = true
    }
  }
  if (invalid) return 'invalid'
  return versions.length > 0 ? versions : undefined
}
