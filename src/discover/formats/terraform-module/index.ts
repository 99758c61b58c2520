/**
 * Terraform / OpenTofu module calls in `*.tf` files (https://developer.hashicorp.com/terraform/language/modules/sources):
 * the `source` and `version` of each top-level `module "NAME" { … }` block. The lock file (terraform-lock) pins
 * providers only; the modules a configuration calls, often the larger part of what it runs, are written here.
 * Read by a small scanner of HCL's lexical structure (strings and their `${…}` templates, line and block
 * comments, heredocs, braces), written by hand as terraform-lock is: no maintained pure-JS HCL parser exists.
 * Terraform requires `source` and `version` to be literal strings, so nothing is evaluated.
 */
import type {Component, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {unresolvedVersion} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'terraform-module',
  description: 'Terraform/OpenTofu *.tf module calls (registry and git sources)',
  matches(file) {
    // `.terraform/modules/` holds the modules `terraform init` downloaded: their own calls are theirs.
    return /\.tf$/.test(file) && !/(^|\/)\.terraform\//.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  discover: ({file, text}) => discoverTerraformModules(file, text),
}

const PUBLIC_REGISTRY = 'registry.terraform.io'
/** `NAMESPACE/NAME/PROVIDER`, optionally after a registry host, optionally with a `//subdirectory`. */
const REGISTRY_SOURCE =
  /^(?:([a-z0-9.-]+\.[a-z0-9-]+(?::\d+)?)\/)?([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/([a-z0-9]{1,64})(?:\/\/[^?]*)?$/
/** GitHub and Bitbucket shorthands (`github.com/OWNER/REPO`), which Terraform reads as git, never as a registry. */
const FORGE_SHORTHAND =
  /^((?:github\.com|bitbucket\.org)\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?((?:\/\/[^?]*)?)(?:\?(.*))?$/
/** An exact version, `=` allowed (`1.2.3`, `= 1.2.3`, `v1.2.3-rc.1`). */
const EXACT = /^=?\s*v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/

interface ModuleCall {
  name: string
  line: number
  source?: {value: string; line: number; column: number}
  version?: string
}

export function discoverTerraformModules(file: string, text: string): DiscoverOutput {
  const components: Component[] = []
  const skipped: Skipped[] = []
  for (const call of moduleCalls(text)) {
    if (!call.source) continue
    const {value: source, line, column} = call.source
    const ref = call.version === undefined ? source : `${source} ${call.version}`
    const where = `module "${elide(call.name, 100)}"`
    // Local paths are this configuration's own modules, read where they are.
    if (source.startsWith('./') || source.startsWith('../')) continue
    const base = {ref, line, column, direct: true, ecosystem: 'terraform' as const}
    const git = gitSource(source)
    if (git) {
      components.push(packageComponent(file, {...base, name: git.name, qualifiers: {vcs_url: git.vcsUrl}}))
      continue
    }
    const registry = REGISTRY_SOURCE.exec(source)
    if (registry) {
      const [, host = PUBLIC_REGISTRY, namespace, name, provider] = registry
      const version = EXACT.exec(call.version?.trim() ?? '')?.[1]
      if (version === undefined)
        skipped.push(
          unresolvedVersion(
            file,
            line,
            call.version === undefined
              ? `${where}: ${elide(source, 200)} without a version (the newest is taken at each init)`
              : `${where}: version ${elide(call.version, 100)} is a constraint, not one version`,
          ),
        )
      components.push(
        packageComponent(file, {
          ...base,
          name: `${host}/${namespace}/${name}/${provider}`.toLowerCase(),
          version,
        }),
      )
      continue
    }
    skipped.push({
      file,
      line,
      reason: 'unsupported',
      message: `${where}: source ${elide(source, 200)} (an archive, a bucket or another VCS) is not read`,
    })
  }
  return {components, skipped}
}

/**
 * A git source as its repository (`name`: without scheme, `.git`, subdirectory and query; the repository is what is
 * stewarded, the subdirectory stays in `ref`) and purl `vcs_url` (`git+URL@ref`).
 */
function gitSource(source: string): {name: string; vcsUrl: string} | undefined {
  const shorthand = FORGE_SHORTHAND.exec(source)
  let url: string
  let query: string | undefined
  if (shorthand) {
    url = `https://${shorthand[1]}.git`
    query = shorthand[3]
  } else if (source.startsWith('git::') || /^git@[^:]+:/.test(source)) {
    const address = source.replace(/^git::/, '')
    const [beforeQuery, afterQuery] = splitOnce(address, '?')
    query = afterQuery
    // `//` after the scheme's marks a subdirectory of the repository.
    const scheme = /^[a-z+]+:\/\//.exec(beforeQuery)?.[0] ?? ''
    const [repository] = splitOnce(beforeQuery.slice(scheme.length), '//')
    url = `${scheme}${repository}`
  } else return undefined
  const ref = new URLSearchParams(query ?? '').get('ref')
  const name = url
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^git@([^:]+):/, '$1/')
    .replace(/\.git$/, '')
  return {name, vcsUrl: `git+${url}${ref ? `@${ref}` : ''}`}
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)]
}

const MODULE_OPEN = /^\s*module\s+"([^"\\]*)"\s*\{/
const ATTRIBUTE = /^\s*(source|version)\s*=\s*"([^"\\$]*)"\s*(?:(?:#|\/\/).*)?$/

/**
 * The top-level module blocks of the text, with their `source` and `version` when written as plain strings. Lines are
 * looked at where the scanner stands outside any string, comment or heredoc: at brace depth 0 for a block's start, at
 * depth 1 inside a module block for its attributes.
 */
function moduleCalls(text: string): ModuleCall[] {
  const calls: ModuleCall[] = []
  const state: ScanState = {depth: 0, strings: [], comment: false, heredoc: undefined}
  let open: ModuleCall | undefined
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    if (state.heredoc !== undefined) {
      if (line.trim() === state.heredoc) state.heredoc = undefined
      return
    }
    const atStart = state.strings.length === 0 && !state.comment
    if (atStart && state.depth === 0) {
      const block = MODULE_OPEN.exec(line)
      if (block) {
        open = {name: block[1], line: index + 1}
        calls.push(open)
      }
    } else if (atStart && state.depth === 1 && open) {
      const attribute = ATTRIBUTE.exec(line)
      if (attribute) {
        const [, key, value] = attribute
        if (key === 'source') open.source = {value, line: index + 1, column: line.indexOf('"') + 2}
        else open.version = value
      }
    }
    scanLine(line, state)
    if (state.depth === 0) open = undefined
  })
  return calls
}

interface ScanState {
  depth: number
  /** Open strings and templates: `"` a string, `{` a `${…}` inside one (its braces counted by the depth below it). */
  strings: Array<{kind: '"'} | {kind: '{'; depth: number}>
  comment: boolean
  heredoc: string | undefined
}

/** Moves the scanner over one line: strings (with templates), comments, braces, and a heredoc that starts here. */
function scanLine(line: string, state: ScanState): void {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (state.comment) {
      if (c === '*' && line[i + 1] === '/') {
        state.comment = false
        i++
      }
      continue
    }
    const top = state.strings.at(-1)
    if (top?.kind === '"') {
      if (c === '\\') i++
      else if (c === '"') state.strings.pop()
      else if ((c === '$' || c === '%') && line[i + 1] === '{') {
        state.strings.push({kind: '{', depth: 0})
        i++
      }
      continue
    }
    if (c === '"') state.strings.push({kind: '"'})
    else if (c === '#' || (c === '/' && line[i + 1] === '/')) return
    else if (c === '/' && line[i + 1] === '*') {
      state.comment = true
      i++
    } else if (c === '<' && line[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(line.slice(i))
      if (heredoc) {
        state.heredoc = heredoc[1]
        return
      }
    } else if (c === '{') {
      if (top?.kind === '{') top.depth++
      else state.depth++
    } else if (c === '}') {
      if (top?.kind === '{') {
        if (top.depth === 0) state.strings.pop()
        else top.depth--
      } else state.depth = Math.max(0, state.depth - 1)
    }
  }
  // A string does not cross a line (HCL's quoted strings are one line): an unclosed one ends here.
  while (state.strings.at(-1)?.kind === '"') state.strings.pop()
}
