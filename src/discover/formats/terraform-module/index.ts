/**
 * Terraform / OpenTofu module calls in `*.tf` files (https://developer.hashicorp.com/terraform/language/modules/sources):
 * the `source` and `version` of each top-level `module "NAME" { … }` block. The lock file (terraform-lock) pins
 * providers only; the modules a configuration calls, often the larger part of what it runs, are written here.
 * Read by a small scanner of HCL's lexical structure (strings and their `${…}` templates, line and block
 * comments, heredocs, braces), written by hand as terraform-lock is: no maintained pure-JS HCL parser exists.
 * Terraform requires `source` and `version` to be literal strings, so nothing is evaluated.
 */
import {posix} from 'node:path'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {repositoryName} from '../../lockfile-support/git-package.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {unresolvedVersion} from '../../lockfile-support/problems.js'
import {perScan} from '../../per-scan.js'
import type {DiscoverContext, Discoverer} from '../../types.js'
import {readJsonConfiguration} from './json.js'

export const discoverer: Discoverer = {
  id: 'terraform-module',
  description:
    'Terraform/OpenTofu *.tf module calls (registry and git sources), and required providers without a lock file',
  matches(file) {
    // `.terraform/modules/` holds the modules `terraform init` downloaded: their own calls are theirs. OpenTofu reads
    // `.tofu` files as `.tf` ones; `.tf.json` and `.tofu.json` are the JSON syntax (./json.ts).
    return (
      /\.(?:tf|tofu)(?:\.json)?$/.test(file) && !/(^|\/)\.terraform\//.test(file) && !/(^|\/)node_modules\//.test(file)
    )
  },
  discover: ({file, text}, context) => {
    const read = readAny(file, text)
    const merged = applyOverrides(file, read, context)
    const out = moduleComponents(file, merged.calls)
    out.skipped.unshift(...merged.skipped)
    // A lock file beside pins the providers (terraform-lock reads it): the constraints here would list them twice.
    if (context.exists?.(posix.join(posix.dirname(file), '.terraform.lock.hcl'))) return {...out, errors: read.errors}
    const providers = providerComponents(file, merged.providers)
    return {
      components: [...out.components, ...providers.components],
      skipped: [...out.skipped, ...providers.skipped],
      errors: read.errors,
    }
  },
}

interface Configuration {
  calls: ModuleCall[]
  providers: ProviderRequirement[]
  errors: ScanError[]
}

function readAny(file: string, text: string): Configuration {
  return file.endsWith('.json') ? readJsonConfiguration(file, text) : {...readConfiguration(text), errors: []}
}

/**
 * Override files (https://developer.hashicorp.com/terraform/language/files/override): a file named `override.tf`
 * or `*_override.tf` (`.tf.json`, and OpenTofu's `.tofu`, `.tofu.json`) is not read as a file of its own; Terraform
 * merges each of its top-level blocks into the block of the same header in the module's other files (the files of the
 * same folder), the override files in the lexical order of their names (configs/parser_config_dir.go dirFiles:
 * `baseName == "override" || strings.HasSuffix(baseName, "_override")`). For a module call (configs/module_merge.go
 * `ModuleCall.merge`): a `source` set in the override replaces the original's, a `version` set replaces its version.
 * For `required_providers` (mergeProviderVersionConstraints): an entry of an override replaces the whole entry of the
 * same name. What Terraform uses is listed where it is written: the merged module call at the last override that
 * sets its source or version (at that `source`, or that `version`), not at the original, whose replaced values are
 * used by no one; a provider at the last override that names it.
 */
const OVERRIDE_FILE = /^(?:.*_)?override\.(?:tf|tofu)(?:\.json)?$/
const CONFIGURATION_FILE = /\.(?:tf|tofu)(?:\.json)?$/

function isOverrideFile(file: string): boolean {
  return OVERRIDE_FILE.test(posix.basename(file))
}

interface ModuleFolder {
  /** The folder's override files, in Terraform's order, each read. */
  overrides: Array<{file: string; read: Configuration}>
  /** Its other files, read when an override file needs its original blocks. */
  primaries?: Array<{file: string; read: Configuration}>
}

/** Each folder's override files, found and read once per scan (undefined: none, or the folder cannot be listed). */
const folders = perScan(() => new Map<string, ModuleFolder | undefined>())

function moduleFolder(file: string, context: DiscoverContext): ModuleFolder | undefined {
  const dir = posix.dirname(file)
  const known = folders(context)
  if (known.has(dir)) return known.get(dir)
  const names = (context.listDir?.(dir) ?? []).filter((name) => CONFIGURATION_FILE.test(name))
  const overrides: ModuleFolder['overrides'] = []
  for (const name of names.filter((one) => OVERRIDE_FILE.test(one)).sort(byCodeUnits)) {
    const path = posix.join(dir, name)
    const text = context.readText(path)
    if (text !== null) overrides.push({file: path, read: readAny(path, text)})
  }
  const folder = overrides.length === 0 ? undefined : {overrides}
  known.set(dir, folder)
  return folder
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function primariesOf(
  folder: ModuleFolder,
  dir: string,
  context: DiscoverContext,
): NonNullable<ModuleFolder['primaries']> {
  if (folder.primaries) return folder.primaries
  const primaries: NonNullable<ModuleFolder['primaries']> = []
  for (const name of (context.listDir?.(dir) ?? []).filter(
    (one) => CONFIGURATION_FILE.test(one) && !OVERRIDE_FILE.test(one),
  )) {
    const path = posix.join(dir, name)
    const text = context.readText(path)
    if (text !== null) primaries.push({file: path, read: readAny(path, text)})
  }
  folder.primaries = primaries
  return primaries
}

/** Whether an override block sets a module call's source or version (Terraform's merge replaces them then). */
function setsSourceOrVersion(call: ModuleCall): boolean {
  return call.source !== undefined || call.computedSource !== undefined || (call.version ?? '') !== ''
}

/**
 * A file's module calls and required providers as Terraform uses them once the folder's override files are merged
 * (see OVERRIDE_FILE): an original file keeps what no override replaces; an override file lists the merged calls and
 * the provider entries it is the last to write.
 */
function applyOverrides(
  file: string,
  read: Configuration,
  context: DiscoverContext,
): {calls: ModuleCall[]; providers: ProviderRequirement[]; skipped: Skipped[]} {
  const folder = moduleFolder(file, context)
  if (folder === undefined) return {calls: read.calls, providers: read.providers, skipped: []}
  const overriding = (name: string) =>
    folder.overrides.filter((one) => one.read.calls.some((call) => call.name === name && setsSourceOrVersion(call)))
  const lastProvider = (name: string) =>
    folder.overrides.findLast((one) => one.read.providers.some((provider) => provider.name === name))?.file
  if (!isOverrideFile(file))
    return {
      calls: read.calls.filter((call) => overriding(call.name).length === 0),
      providers: read.providers.filter((provider) => lastProvider(provider.name) === undefined),
      skipped: [],
    }
  const skipped: Skipped[] = []
  const calls: ModuleCall[] = []
  const dir = posix.dirname(file)
  for (const call of read.calls) {
    if (!setsSourceOrVersion(call)) continue
    const chain = overriding(call.name)
    // Listed once, by the last override file that sets the call's source or version.
    if (chain.at(-1)?.file !== file) continue
    const original = primariesOf(folder, dir, context)
      .flatMap((one) => one.read.calls)
      .find((one) => one.name === call.name)
    if (original === undefined) {
      skipped.push({
        file,
        line: call.line,
        reason: 'unsupported',
        message: `module "${elide(call.name, 100)}" overrides no module block of the folder's other files (Terraform refuses it: "Missing base module block for override"): not read`,
      })
      continue
    }
    const merged: ModuleCall = {...original, name: call.name, line: call.line}
    for (const one of chain)
      for (const block of one.read.calls.filter((found) => found.name === call.name)) {
        if (block.source !== undefined || block.computedSource !== undefined) {
          merged.source = block.source
          merged.computedSource = block.computedSource === undefined ? undefined : call.line
        }
        if ((block.version ?? '') !== '') merged.version = block.version
      }
    if (merged.source === undefined && merged.computedSource !== undefined) merged.computedSource = call.line
    // Where this file writes what it replaces: its source, else its version.
    if (merged.source !== undefined) {
      const at = call.source ?? call.versionAt
      if (at !== undefined) merged.source = {...merged.source, line: at.line, column: at.column}
    }
    calls.push(merged)
  }
  const providers = read.providers.filter((provider) => lastProvider(provider.name) === file)
  return {calls, providers, skipped}
}

const PUBLIC_REGISTRY = 'registry.terraform.io'
/** `NAMESPACE/NAME/PROVIDER`, optionally after a registry host, optionally with a `//subdirectory`. */
const REGISTRY_SOURCE =
  /^(?:([a-z0-9.-]+\.[a-z0-9-]+(?::\d+)?)\/)?([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/([a-z0-9]{1,64})(?:\/\/[^?]*)?$/
/**
 * GitHub and Bitbucket shorthands (`github.com/OWNER/REPO`), which Terraform reads as git, never as a registry
 * (internal/getmodules/moduleaddrs/detect_git.go). `detectGitHub` takes what follows OWNER/REPO as a subdirectory
 * (`github.com/o/r/modules/x` is `git::https://github.com/o/r.git//modules/x`); `detectBitBucket` takes the whole path
 * as the repository and appends `.git` to it, so a subdirectory there must follow `//`.
 */
const FORGE_SHORTHAND =
  /^((?:github\.com|bitbucket\.org)\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?((?:\/\/[^?]*)?)(?:\?(.*))?$/
const GITHUB_SUBDIRECTORY = /^(github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?\/(?!\/)[^?]*(?:\?(.*))?$/
/** What Terraform reads as a URL or a go-getter source: `scheme://`, a forced getter `git::`, `s3::`, or a bucket's host. */
const URL_LIKE = /^(?:[A-Za-z0-9]+::|[A-Za-z][A-Za-z0-9+.-]*:\/\/|[^/]*\.amazonaws\.com\/|www\.googleapis\.com\/)/
/** An exact version, `=` allowed (`1.2.3`, `= 1.2.3`, `v1.2.3-rc.1`). */
const EXACT = /^=?\s*v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/

interface ModuleCall {
  name: string
  line: number
  source?: {value: string; line: number; column: number}
  version?: string
  /** Where `version` is written (an override that replaces only the version is listed there). */
  versionAt?: {line: number; column: number}
  /** The line of a `source` that is not a literal string (Terraform refuses it: nothing to read). */
  computedSource?: number
}

/** The module calls as components: registry modules, git modules; other sources reported. */
function moduleComponents(file: string, calls: readonly ModuleCall[]): {components: Component[]; skipped: Skipped[]} {
  const components: Component[] = []
  const skipped: Skipped[] = []
  for (const call of calls) {
    if (!call.source) {
      // Terraform decodes `source` with no evaluation context (configs/module_call.go `gohcl.DecodeExpression(attr.Expr,
      // nil, …)`): a variable or a `${…}` template is refused there, and is known to no one here: said, not dropped.
      if (call.computedSource !== undefined)
        skipped.push({
          file,
          line: call.computedSource,
          reason: 'unsupported',
          message: `module "${elide(call.name, 100)}": source is not a quoted literal string (a variable, a \${…} template, which Terraform refuses, or a heredoc): not read`,
        })
      continue
    }
    const {value: source, line, column} = call.source
    const ref = call.version === undefined ? source : `${source} ${call.version}`
    const where = `module "${elide(call.name, 100)}"`
    // Local paths are this configuration's own modules, read where they are.
    if (source.startsWith('./') || source.startsWith('../')) continue
    const base = {ref, line, column, direct: true, ecosystem: 'terraform' as const}
    if (/^git::(?![a-z][a-z0-9+.-]*:\/\/|[^/:@]+@[^:/]+:)/i.test(source)) {
      // `git::__MIRROR_URL__//modules/x` (a placeholder a script fills in): no URL git can fetch.
      skipped.push({
        file,
        line,
        reason: 'unsupported',
        message: `${where}: source ${elide(source, 200)} is git:: with no URL git can fetch (scheme:// or user@host:): not read`,
      })
      continue
    }
    const git = gitSource(source)
    if (git) {
      components.push(manifestComponent(file, {...base, name: git.name, qualifiers: {vcs_url: git.vcsUrl}}))
      if (!git.ref)
        skipped.push(
          unresolvedVersion(
            file,
            line,
            `${where}: ${elide(source, 200)} names no ?ref=: the default branch, as it is at each init, not one version`,
          ),
        )
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
        manifestComponent(file, {
          ...base,
          name: `${host}/${namespace}/${name}/${provider}`.toLowerCase(),
          version,
        }),
      )
      continue
    }
    skipped.push({file, line, reason: 'unsupported', message: `${where}: ${unreadSource(source)}`})
  }
  return {components, skipped}
}

/** Why a module source that is neither local, git nor a registry address is not read, in the terms Terraform uses. */
function unreadSource(source: string): string {
  const shown = `source ${elide(source, 200)}`
  if (source.startsWith('bitbucket.org/')) {
    // Terraform splits off a `//subdirectory` first (SplitPackageSubdir), then the query.
    const [path] = splitOnce(splitOnce(source, '?')[0], '//')
    const repository = `https://${path.endsWith('.git') ? path : `${path}.git`}`
    return `${shown}: Terraform reads the whole path as one repository, ${elide(repository, 200)}, not OWNER/REPO (a subdirectory follows '//'): not read`
  }
  if (URL_LIKE.test(source)) return `${shown} (an archive, a bucket or another VCS) is not read`
  // Neither a path, a registry address nor a URL: Terraform stops with "invalid source address"
  // (moduleaddrs/detect_remote_shorthands.go) or, for two or four parts, a malformed registry address.
  return `${shown} is not a module source Terraform reads: a local path starts with ./ or ../, a registry address is [HOST/]NAMESPACE/NAME/PROVIDER, anything else is a URL`
}

/**
 * A git source as its repository (`name`: without scheme, user, port, `.git`, subdirectory and query; the repository
 * is what is stewarded, the subdirectory stays in `ref`) and purl `vcs_url` (`git+URL@ref`).
 */
function gitSource(source: string): {name: string; vcsUrl: string; ref: string | null} | undefined {
  const shorthand = FORGE_SHORTHAND.exec(source)
  let url: string
  let query: string | undefined
  const subdirectory = shorthand ? undefined : GITHUB_SUBDIRECTORY.exec(source)
  if (shorthand) {
    url = `https://${shorthand[1]}.git`
    query = shorthand[3]
  } else if (subdirectory) {
    url = `https://${subdirectory[1]}.git`
    query = subdirectory[2]
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
  // The shared rule of the formats that name a package by its repository (lockfile-support/git-package.ts): host and
  // path without scheme, user (`git@`), port and `.git`, so `git::ssh://git@github.com/o/r.git` and the scp-like
  // `git@github.com:o/r.git` are one repository, `github.com/o/r`. The user stays in `vcs_url`, the address git uses.
  return {name: repositoryName(url), vcsUrl: gitVcsUrl(url, ref), ref}
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)]
}

const MODULE_OPEN = /^\s*module\s+"([^"\\]*)"\s*\{/
const ATTRIBUTE = /^\s*(source|version)\s*=\s*"([^"\\$]*)"\s*(?:(?:#|\/\/).*)?$/
/** A `source` that is not one literal string: a variable, a template with `${…}`, a function call. */
const SOURCE_ATTRIBUTE = /^\s*source\s*=/

/**
 * One pass over the text: its top-level module blocks, with their `source` and `version` when written as plain strings,
 * and the entries of `terraform { required_providers { … } }`. A line is looked at only where the scanner stands
 * outside any string, comment or heredoc, at the brace depth its block needs: 0 for a block's start, 1 for a module's
 * attributes and for `required_providers`, 2 for a provider's entry, 3 for the attributes of its object.
 */
function readConfiguration(text: string): {calls: ModuleCall[]; providers: ProviderRequirement[]} {
  const calls: ModuleCall[] = []
  const providers: ProviderRequirement[] = []
  const state: ScanState = {depth: 0, strings: [], comment: false, heredoc: undefined}
  let call: ModuleCall | undefined
  let inTerraform = false
  let inRequired = false
  let provider: ProviderRequirement | undefined
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '')
    if (state.heredoc !== undefined) {
      if (line.trim() === state.heredoc) state.heredoc = undefined
      return
    }
    if (state.strings.length === 0 && !state.comment) {
      const number = index + 1
      if (state.depth === 0) {
        const block = MODULE_OPEN.exec(line)
        if (block) {
          call = {name: block[1], line: number}
          calls.push(call)
        } else inTerraform = TERRAFORM_OPEN.test(line)
      } else if (state.depth === 1 && call) {
        const attribute = ATTRIBUTE.exec(line)
        if (attribute?.[1] === 'source')
          call.source = {value: attribute[2], line: number, column: line.indexOf('"') + 2}
        else if (attribute) {
          call.version = attribute[2]
          call.versionAt = {line: number, column: line.indexOf('"') + 2}
        } else if (SOURCE_ATTRIBUTE.test(line)) call.computedSource = number
      } else if (state.depth === 1 && inTerraform) inRequired = REQUIRED_OPEN.test(line)
      else if (state.depth === 2 && inRequired) {
        const found = PROVIDER_ENTRY.exec(line)
        if (found) {
          provider = {name: found[1], line: number, column: line.indexOf(found[1]) + 1}
          providers.push(provider)
          if (found[3] !== undefined) provider.version = found[3]
          else attributes(found[2], provider)
        }
      } else if (state.depth === 3 && provider) attributes(line, provider)
    }
    scanLine(line, state)
    if (state.depth < 3) provider = undefined
    if (state.depth < 2) inRequired = false
    if (state.depth < 1) {
      call = undefined
      inTerraform = false
    }
  })
  return {calls, providers}
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

/**
 * A provider's namespace or type, as Terraform checks it (hashicorp/terraform-registry-address provider.go,
 * `providerNamePartPattern`): letters, digits, `-` and `_`, starting and ending with a letter or digit, 64 at most.
 */
const PROVIDER_PART = /^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$/
/** A registry's hostname, with an optional port (Terraform normalises it with svchost, lower case). */
const PROVIDER_HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?$/

/**
 * A `required_providers` source address, as Terraform reads it (internal/addrs/provider.go `ParseProviderSourceString`,
 * on hashicorp/terraform-registry-address `ParseProviderSource`): "The following are valid source string formats:
 * name, namespace/name, hostname/namespace/name"; a name alone has an unknown namespace, and "if
 * !ret.HasKnownNamespace() { ret.Namespace = \"hashicorp\" }"; the host is `registry.terraform.io` unless written.
 * A type starting with `terraform-` is refused (`terraform-provider-aws` is a repository's name, not a type); the
 * legacy namespace `-` names no one provider (the registry maps it), so it is not read either.
 */
function parseProviderSource(written: string): {host: string; namespace: string; type: string} | {problem: string} {
  const parts = written.split('/')
  if (parts.length > 3 || parts.some((part) => part === ''))
    return {problem: 'not a provider address ([HOSTNAME/][NAMESPACE/]TYPE)'}
  const type = parts[parts.length - 1]
  if (!PROVIDER_PART.test(type))
    return {problem: `provider type ${elide(type, 100)} is not valid (letters, digits, '-' and '_')`}
  if (type.startsWith('terraform-'))
    return {problem: `provider type ${elide(type, 100)} starts with 'terraform-', which Terraform refuses`}
  if (parts.length === 1) return {host: PUBLIC_REGISTRY, namespace: 'hashicorp', type}
  const namespace = parts[parts.length - 2]
  if (namespace === '-') return {problem: "the legacy namespace '-' names no one provider"}
  if (!PROVIDER_PART.test(namespace))
    return {problem: `provider namespace ${elide(namespace, 100)} is not valid (letters, digits, '-' and '_')`}
  if (parts.length === 2) return {host: PUBLIC_REGISTRY, namespace, type}
  if (!PROVIDER_HOST.test(parts[0])) return {problem: `hostname ${elide(parts[0], 100)} is not valid`}
  return {host: parts[0], namespace, type}
}
const TERRAFORM_OPEN = /^\s*terraform\s*\{/
const REQUIRED_OPEN = /^\s*required_providers\s*\{/
/** `NAME = {` (the object's attributes on the lines below, or on this one), or Terraform 0.12's `NAME = "version"`. */
const PROVIDER_ENTRY = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(\{.*|"([^"\\$]*)"\s*(?:(?:#|\/\/).*)?)$/
const OBJECT_ATTRIBUTE = /(?:^|[\s{,])(source|version)\s*=\s*"([^"\\$]*)"/g

interface ProviderRequirement {
  name: string
  line: number
  column: number
  source?: string
  version?: string
}

/**
 * The `terraform { required_providers { … } }` entries as components, for configurations that commit no lock file
 * (modules most often): each provider's `source` (`hashicorp/NAME` when none is written, as Terraform assumes; a
 * source of one name, `aws`, is `registry.terraform.io/hashicorp/aws`, as Terraform reads it) and its version constraint. An exact version (`= 5.31.0`) is its version; a constraint is reported.
 */
function providerComponents(
  file: string,
  requirements: readonly ProviderRequirement[],
): {components: Component[]; skipped: Skipped[]} {
  const components: Component[] = []
  const skipped: Skipped[] = []
  for (const requirement of requirements) {
    const where = `required provider ${elide(requirement.name, 100)}`
    const written = requirement.source ?? `hashicorp/${requirement.name}`
    const address = parseProviderSource(written)
    if ('problem' in address) {
      skipped.push({
        file,
        line: requirement.line,
        reason: 'unsupported',
        message: `${where}: source ${elide(written, 200)}: ${address.problem}`,
      })
      continue
    }
    const {host, namespace, type} = address
    const version = EXACT.exec(requirement.version?.trim() ?? '')?.[1]
    if (version === undefined)
      skipped.push(
        unresolvedVersion(
          file,
          requirement.line,
          requirement.version === undefined
            ? `${where}: no version (the newest is taken at each init, and no lock file is beside)`
            : `${where}: version ${elide(requirement.version, 100)} is a constraint, and no lock file is beside`,
        ),
      )
    components.push(
      manifestComponent(file, {
        ecosystem: 'terraform',
        name: `${host}/${namespace}/${type}`.toLowerCase(),
        version,
        ref: `${written}${requirement.version === undefined ? '' : ` ${requirement.version}`}`,
        line: requirement.line,
        column: requirement.column,
        direct: true,
      }),
    )
  }
  return {components, skipped}
}

/** `source = "…"` and `version = "…"` written on one line of a provider's object. */
function attributes(text: string, entry: ProviderRequirement): void {
  for (const match of text.matchAll(OBJECT_ATTRIBUTE)) {
    if (match[1] === 'source') entry.source = match[2]
    else entry.version = match[2]
  }
}
