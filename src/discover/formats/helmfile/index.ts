/**
 * Helmfile (https://helmfile.readthedocs.io/en/latest/): `helmfile.yaml` (`.yml`) and the YAML files of a
 * `helmfile.d/` folder, the Helm releases a Kubernetes stack is deployed from. The chart each release installs is
 * an upstream project of the stack, listed as a `chart` component (./releases.ts; what `chart:` names: ../../chart-ref.ts)
 * with the URL of the repository `repositories:` declares for it.
 * A file is cut into its parts at `---` lines, as helmfile layers them (pkg/app/desired_state_file_loader.go load),
 * and the parts read as one state: the repositories and release templates of every part serve the releases of all.
 * Helmfile v1 renders only `.gotmpl` files as Go templates: those are skipped (`helm-template`) with a hint to render
 * them; a part that is not YAML because of template directives (helmfile v0 rendered every file) likewise. A value
 * helmfile fills in when it runs (`{{ .Values.x }}`) is reported, never guessed.
 * The images of a release's values are listed: inline and values files of the tree, over a local chart's values.yaml
 * (./releases.ts). Not read: `environments`, `helmDefaults`, `hooks`, `set` and the rest of a release; credentials of
 * `repositories:` (`username`, `password`, `certFile`…), never read nor echoed (URLs lose their userinfo).
 * `helmfiles:` and `bases:` are not followed: those named `helmfile.yaml` or in a `helmfile.d/` folder are files of
 * the tree this format reads anyway; others are reported.
 */
import {isHelmfileFile} from '../../file-names.js'
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {elide} from '../../../core/elide.js'
import {emptyOutput, errorAt, type Output, shapeError} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {readYaml, type YamlDocument} from '../../yaml.js'
import {splitDocuments} from '../../yaml-split.js'
import {isAbsent, describe, isMap, isScalar, isSeq, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {globFiles, isGlob} from './sub-globs.js'
import {isRemoteSource, repositoryUrl} from '../../chart-ref.js'
import {type Helmfile, readReleases, scalarText} from './releases.js'

export const discoverer: Discoverer = {
  id: 'helmfile',
  description: 'Helmfile helmfile.yaml and helmfile.d/*.yaml: the chart of each release, with its repository',
  // helmfile's default files (pkg/app/app.go, glob `helmfile.d/*.y*ml`), each also as a `.gotmpl` template.
  matches: isHelmfileFile,
  // A top-level `releases:` list with a `chart:`, and nothing of a Kubernetes object.
  identify: (head) =>
    /^releases:[ \t]*$/m.test(head) &&
    /^[ \t]*(?:-[ \t]+)?chart:[ \t]*\S/m.test(head) &&
    !/^(?:apiVersion|kind):/m.test(head),
  discover,
}

/** What the skip of a Go template tells to do. */
export const HELMFILE_TEMPLATE_HINT =
  'Helmfile renders it as a Go template: run `helmfile build` and scan the rendered helmfile it prints (saved as helmfile.yaml), or `helmfile template` and scan the manifests'

function discover({file, text}: DiscoverInput, context: DiscoverContext): Output {
  return readHelmfile(file, text, context, [])
}

/** Sub-helmfiles read through other ones, at most this deep (a chain of `helmfiles:` entries). */
const MAX_NESTING = 8

/** One helmfile; `chain`: the helmfiles whose `helmfiles:` led here (none for one the walk found). */
function readHelmfile(file: string, text: string, context: DiscoverContext, chain: readonly string[]): Output {
  const out = emptyOutput()
  if (file.endsWith('.gotmpl')) {
    out.skipped.push({
      file,
      reason: 'helm-template',
      message: `a Helmfile template (.gotmpl). ${HELMFILE_TEMPLATE_HINT}`,
    })
    return out
  }
  const roots = readParts(file, text, out)
  const h: Helmfile = {
    file,
    chain,
    dir: posix.dirname(file),
    out,
    context,
    repositories: new Map(),
    templates: new Map(),
    defaultInherit: [],
    resolved: new Map(),
    folders: new Map(),
  }
  // A base is merged under the file (helmfile's state loader): its repositories first, the file's own over them.
  for (const root of roots) readBases(h, root.entries.get('bases'))
  for (const root of roots) {
    readRepositories(h, root.entries.get('repositories'))
    readTemplates(h, root.entries.get('templates'))
    readDefaultInherit(h, root.entries.get('defaultInherit'))
  }
  for (const root of roots) {
    readReleases(h, root.entries.get('releases'))
    otherHelmfiles(h, root.entries.get('helmfiles'), 'helmfiles')
    otherHelmfiles(h, root.entries.get('bases'), 'bases')
  }
  return out
}

/** A part of the file (between `---` lines): its first line, and where its content starts. */
interface Part {
  line: number
  contentLine: number
  /** It holds `{{`. */
  template: boolean
}

/**
 * The mappings of the file's parts. A part that holds `{{` and is not YAML (a problem of the YAML reader, or a
 * mapping used as a key, which `{{ x }}` is to YAML) is a template: skipped, its problems not reported.
 */
function readParts(file: string, text: string, out: Output): YamlMap[] {
  // helmfile reads with go-yaml: an unknown tag (`!vault path`) is its text, as kubectl reads it.
  const yaml = readYaml(text, file, {keepUnknownTags: 'quietly'})
  const parts = text.includes('{{') ? cutParts(text) : []
  const templates = new Set<number>()
  const partOf = (line: number | undefined) => (line === undefined ? -1 : partAt(parts, line))
  for (const error of yaml.errors) {
    const part = partOf(error.line)
    if (error.code.startsWith('yaml-') && part >= 0 && parts[part].template) templates.add(part)
  }
  for (const line of yaml.complexKeyLines) {
    const part = partOf(line)
    if (part >= 0 && parts[part].template) templates.add(part)
  }
  for (const error of yaml.errors) if (!templates.has(partOf(error.line))) out.errors.push(error)
  for (const part of [...templates].sort((a, b) => a - b))
    out.skipped.push({
      file,
      line: parts[part].contentLine || parts[part].line,
      reason: 'helm-template',
      message: `Go template directives ({{ }}) that are not YAML (helmfile before v1 rendered every helmfile as a template; v1 renders only .gotmpl files). ${HELMFILE_TEMPLATE_HINT}`,
    })
  return yaml.documents.flatMap((doc) => (templates.has(partOf(doc.line)) ? [] : rootOf(file, doc, out)))
}

function rootOf(file: string, doc: YamlDocument, out: Output): YamlMap[] {
  if (doc.root === null || (isScalar(doc.root) && doc.root.kind === 'null')) return []
  if (isMap(doc.root)) return [doc.root]
  out.errors.push(shapeError(file, doc.root, 'a helmfile part', 'mapping'))
  return []
}

/** The parts of the stream, as the YAML reader cuts it; `{{` found in one pass over the text. */
function cutParts(text: string): Part[] {
  const parts: Part[] = []
  let next = text.indexOf('{{')
  for (const part of splitDocuments(text)) {
    while (next >= 0 && next < part.start) next = text.indexOf('{{', next + 2)
    parts.push({line: part.line, contentLine: part.contentLine, template: next >= 0 && next < part.end})
  }
  return parts
}

/** The index of the part holding `line` (parts are in order of their first lines); -1 before the first. */
function partAt(parts: readonly Part[], line: number): number {
  let low = 0
  let high = parts.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (parts[middle].line <= line) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  return found
}

/** `repositories: [{name, url, oci}]`; nothing else of an entry is read (credentials among the rest). */
function readRepositories(h: Helmfile, node: YamlNode | undefined): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    h.out.errors.push(shapeError(h.file, node, 'repositories', 'list'))
    return
  }
  node.items.forEach((item, i) => {
    const name = isMap(item) ? scalarText(item.entries.get('name')) : undefined
    if (!isMap(item) || name === undefined || name === '') {
      const message = `repositories[${i}] must be a mapping with a name`
      h.out.errors.push(errorAt(h.file, item, 'invalid-entry', message))
      return
    }
    const label = `repositories[${i}] (${elide(name, 200)})`
    const urlNode = item.entries.get('url')
    const url = scalarText(urlNode)?.trim()
    const oci = ociFlag(h, item.entries.get('oci'), label)
    if (url === undefined || url === '') {
      const message = `${label}: url must be a string${isScalar(urlNode) || urlNode === undefined ? '' : `, not ${describe(urlNode)}`}`
      h.out.errors.push(errorAt(h.file, urlNode ?? item, 'invalid-entry', message))
    }
    const template = name.includes('{{') || (url?.includes('{{') ?? false)
    const listed = url && !template ? repositoryUrl(url, oci) : undefined
    h.repositories.set(name, {oci, template, ...(listed ? {url: listed} : {})})
  })
}

/**
 * The `repositories:` of the bases of the tree (`bases: [repositories.yaml]`), which helmfile merges into the file
 * before its own: releases that name them are listed with their URL. Read as the base's own (its errors name it),
 * once per base; a base named as a helmfile is read by the walk too, and its errors are the same (merged). The
 * templates, environments and values a base gives are not applied: said by otherHelmfiles when it has templates.
 * A templated, remote, absolute or missing base is reported by otherHelmfiles.
 */
function readBases(h: Helmfile, node: YamlNode | undefined): void {
  if (!isSeq(node)) return
  const seen = new Set<string>()
  for (const item of node.items) {
    const path = scalarText(item)?.trim()
    if (!path || path.includes('{{') || isRemoteSource(path) || posix.isAbsolute(path) || path.endsWith('.gotmpl'))
      continue
    const file = posix.normalize(posix.join(h.dir, path))
    if (seen.has(file) || file === h.file || file.startsWith('../')) continue
    seen.add(file)
    const text = h.context.readText(file)
    if (text === null) continue
    const base: Helmfile = {...h, file, dir: posix.dirname(file)}
    for (const root of readParts(file, text, h.out)) {
      readRepositories(base, root.entries.get('repositories'))
      if (!isAbsent(root.entries.get('templates')))
        h.out.skipped.push({
          file: h.file,
          line: item.line,
          reason: 'unsupported',
          message: `bases: "${elide(path, 200)}" gives release templates, which are not applied to this file's releases (its repositories are)`,
        })
    }
  }
}

function ociFlag(h: Helmfile, node: YamlNode | undefined, label: string): boolean {
  if (isAbsent(node)) return false
  if (isScalar(node) && node.kind === 'boolean') return node.text.toLowerCase() === 'true'
  h.out.errors.push(
    errorAt(h.file, node, 'invalid-entry', `${label}: oci must be true or false, not ${describe(node)}`),
  )
  return false
}

/** `templates: {name: release fields}`: what releases inherit. */
function readTemplates(h: Helmfile, node: YamlNode | undefined): void {
  if (isAbsent(node)) return
  if (!isMap(node)) {
    h.out.errors.push(shapeError(h.file, node, 'templates', 'mapping'))
    return
  }
  for (const [name, template] of node.entries) h.templates.set(name, template)
}

/** `defaultInherit: name` or a list of names: templates every release inherits first. */
function readDefaultInherit(h: Helmfile, node: YamlNode | undefined): void {
  if (isAbsent(node)) return
  const items = isSeq(node) ? node.items : [node]
  const names = items.map((item) => scalarText(item)?.trim())
  if (names.some((name) => name === undefined)) {
    const message = `defaultInherit must be a template name or a list of them`
    h.out.errors.push(errorAt(h.file, node, 'invalid-entry', message))
  }
  h.defaultInherit = names.filter((name): name is string => name !== undefined && name !== '')
}

/**
 * `helmfiles:` (paths, or `{path}`) and `bases:` (paths): not followed. A path named as a helmfile this format reads
 * is a file of the tree, read for itself; any other is reported, and a remote one too.
 */
function otherHelmfiles(h: Helmfile, node: YamlNode | undefined, key: 'helmfiles' | 'bases'): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    h.out.errors.push(shapeError(h.file, node, key, 'list'))
    return
  }
  node.items.forEach((item, i) => {
    const pathNode = key === 'helmfiles' && isMap(item) ? item.entries.get('path') : item
    const path = scalarText(pathNode)?.trim()
    const label = `${key}[${i}]`
    if (path === undefined || path === '') {
      const message = `${label} must be a path${key === 'helmfiles' ? ' or a mapping with a path' : ''}`
      h.out.errors.push(errorAt(h.file, item, 'invalid-entry', message))
      return
    }
    if (key === 'helmfiles' && !path.includes('{{') && !isRemoteSource(path) && isGlob(path)) {
      globHelmfiles(h, path, item, label)
      return
    }
    if (key === 'helmfiles' && subHelmfile(h, path, item)) return
    if (key === 'bases' && isTreeBase(h, path)) {
      if (h.context.readText(posix.normalize(posix.join(h.dir, path))) === null)
        h.out.skipped.push({
          file: h.file,
          line: item.line,
          reason: 'missing-resource',
          message: `${label}: "${elide(path, 200)}" is not a readable file of the scanned tree: the repositories it may give this file are not read`,
        })
      return
    }
    const message = otherHelmfileMessage(path, key)
    if (message !== undefined)
      h.out.skipped.push({
        file: h.file,
        line: item.line,
        reason: isRemoteSource(path) ? 'remote-resource' : 'unsupported',
        message: `${label}: ${message}`,
      })
  })
}

/**
 * A sub-helmfile of the tree named otherwise than the walk reads (`helmfiles: [releases/api.yaml]`): read here, as
 * helmfile reads it (its own repositories and releases, located in it), once along a chain of `helmfiles:` and at most
 * MAX_NESTING deep; one that is not there is reported. False when the path names no such file (a glob, a template, a
 * remote one, a default name): the caller reports it as before.
 */
function subHelmfile(h: Helmfile, path: string, item: YamlNode): boolean {
  if (/[*?[{]/.test(path) || isRemoteSource(path) || posix.isAbsolute(path)) return false
  const file = posix.normalize(posix.join(h.dir, path))
  if (isHelmfileFile(file)) return false
  readSubHelmfile(h, file, path, item)
  return true
}

/**
 * The files a `helmfiles:` glob matches, each read as helmfile reads it (those the walk reads by their names are read
 * there, once); a glob that matches nothing is said, as helmfile warns of it, and so is a listing cut short.
 */
function globHelmfiles(h: Helmfile, glob: string, item: YamlNode, label: string): void {
  if (posix.isAbsolute(glob)) {
    const message = `${label}: "${elide(glob, 200)}" is an absolute path, outside the scanned tree: its releases are not listed`
    h.out.skipped.push({file: h.file, line: item.line, reason: 'unsupported', message})
    return
  }
  // A glob of default names only (`helmfile.d/*.yaml`, `apps/*/helmfile.yaml`): the walk reads what it matches.
  if (
    !glob.includes('{') &&
    isHelmfileFile(posix.normalize(posix.join(h.dir, glob.replace(/\*\*\//g, '').replace(/[*?]/g, 'x'))))
  )
    return
  const matches = globFiles(h.dir, glob, h.context)
  if (matches.cut !== undefined)
    h.out.skipped.push({
      file: h.file,
      line: item.line,
      reason: 'unsupported',
      message: `${label}: the files "${elide(glob, 200)}" matches are not all known (${matches.cut}): the releases of those not found are not listed`,
    })
  else if (matches.files.length === 0)
    h.out.skipped.push({
      file: h.file,
      line: item.line,
      reason: 'missing-resource',
      message: `${label}: "${elide(glob, 200)}" matches no file of the scanned tree (helmfile warns and passes over it): no releases are listed from it`,
    })
  for (const file of matches.files) if (!isHelmfileFile(file)) readSubHelmfile(h, file, file, item)
}

/** A sub-helmfile of the tree, read once along a chain of `helmfiles:`; `shown` is how its path is told. */
function readSubHelmfile(h: Helmfile, file: string, shown: string, item: YamlNode): void {
  const text = h.context.readText(file)
  if (text === null) {
    h.out.skipped.push({
      file: h.file,
      line: item.line,
      reason: 'missing-resource',
      message: `helmfiles: "${elide(shown, 200)}" is not a readable file of the scanned tree: its releases are not listed`,
    })
    return
  }
  if (h.chain.includes(file) || file === h.file || h.chain.length >= MAX_NESTING) {
    h.out.skipped.push({
      file: h.file,
      line: item.line,
      reason: 'unsupported',
      message: `helmfiles: "${elide(shown, 200)}" is read through this file already, or too deep (${MAX_NESTING} helmfiles): not read again`,
    })
    return
  }
  const sub = readHelmfile(file, text, h.context, [...h.chain, h.file])
  appendAll(h.out.components, sub.components)
  appendAll(h.out.skipped, sub.skipped)
  appendAll(h.out.errors, sub.errors)
}

/** A base this reads (readBases): a path of the tree, not templated, remote or a Go template file. */
function isTreeBase(h: Helmfile, path: string): boolean {
  if (path.includes('{{') || isRemoteSource(path) || posix.isAbsolute(path) || path.endsWith('.gotmpl')) return false
  const file = posix.normalize(posix.join(h.dir, path))
  return file !== h.file && !file.startsWith('../')
}

function otherHelmfileMessage(path: string, key: 'helmfiles' | 'bases'): string | undefined {
  const quoted = `"${elide(path, 200)}"`
  const what =
    key === 'helmfiles'
      ? 'its releases are not listed'
      : 'the repositories and templates it may give this file are not read'
  if (path.includes('{{')) return `the path ${quoted} holds a Go template expression; not read: ${what}`
  if (isRemoteSource(path)) return `${quoted} is fetched by helmfile when it runs, not by this scan: ${what}`
  if (isHelmfileFile(posix.normalize(path))) return undefined
  return `${quoted} is not named helmfile.yaml nor in a helmfile.d/ folder, so this scan does not read it: ${what}`
}
