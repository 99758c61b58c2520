/**
 * Azure Pipelines YAML (`azure-pipelines.yml` at any depth, `.azure-pipelines/*.yml`,
 * https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/): the container images a pipeline runs in.
 * - `resources.containers[].image`: each listed where written; its `container:` name is an alias.
 * - `container:` of the pipeline and of each job (`jobs:` at the top level or in `stages[].jobs`, deployments
 *   too), and the values of `services:`: an image name (a string, or `{image: ...}`), or the alias of a
 *   `resources.containers` entry, which is that container: not listed twice.
 * - `$(var)`, `${{ }}` and `$[ ]` expressions are known only when the pipeline runs: reported (`unsupported`).
 * - `${{ if … }}:`, `${{ elseif … }}:`, `${{ else }}:` and `${{ each … }}:` keys (conditional insertion,
 *   https://learn.microsoft.com/azure/devops/pipelines/process/template-expressions): what they hold is read as if
 *   written in their parent (a mapping's keys, a list's items), where written. The condition is not evaluated:
 *   every branch is read.
 * - `resources.repositories` on GitHub and Bitbucket: repositories at a ref (repositoriesOf); `resources.packages`:
 *   npm and NuGet packages of GitHub Packages (packagesOf). `resources.pipelines` (other pipelines) are not read.
 * - `pool.vmImage` is a Microsoft-hosted virtual machine, not a container: not listed. Local `template:` files
 *   (relative to the including file) are read the same way (discover); the others are reported once per file.
 */
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import {scanRoot} from '../../scan-root.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'azure-pipelines',
  description:
    'Azure Pipelines azure-pipelines.yml and its local templates: container resources, job containers and services, repository and package resources',
  matches: (file) => /(^|\/)azure-pipelines\.ya?ml$/.test(file) || /(^|\/)\.azure-pipelines\/[^/]+\.ya?ml$/.test(file),
  // No `identify`: `stages:`, `jobs:`, `steps:` heads are shared with other CI files.
  discover,
}

/** Nodes visited looking for `template:`: far above real pipelines, bounds a hostile one. */
const MAX_TEMPLATE_SCAN = 100_000
const EXPRESSION = /\$\(|\$\{\{|\$\[/
/** A conditional-insertion or loop key: `${{ if … }}`, `${{ elseif … }}`, `${{ else }}`, `${{ each … }}`. */
const INSERTION = /^\$\{\{\s*(?:if|elseif|else|each)\b/
/** Insertion keys nested in one another: far above real pipelines; bounds a hostile file. */
const MAX_INSERTION_DEPTH = 16

interface Place {
  out: Output
  file: string
  aliases: Set<string>
  /** Container values already read: one written once and reached again (an alias) is listed once. */
  seen: Set<YamlNode>
  /**
   * Each mapping's entries as `entries` reads them, read once. With the `visited` sets, the work is at most the
   * document's size once aliases are expanded, which the YAML reader bounds (`yaml-alias-budget`).
   */
  flat: Map<YamlMap, Array<[string, YamlNode]>>
  /** An insertion nested past MAX_INSERTION_DEPTH was reported. */
  tooDeep?: boolean
}

/** Azure Pipelines' own limits: 100 YAML files in one pipeline, templates nested 20 levels deep (templates docs). */
const MAX_TEMPLATE_FILES = 100
const MAX_TEMPLATE_NESTING = 20

/**
 * The pipeline file, then the local template files it references (`template: jobs/build.yml`), read the same way,
 * each once, their containers located in the template file. A template path is relative to the file that does the
 * including (https://learn.microsoft.com/en-us/azure/devops/pipelines/process/templates#reference-template-paths);
 * one starting with `/` is relative to the repository's root, which the scan root need not be; `file@alias` is in
 * another repository: neither is read, nor one holding an expression; they are counted in one skip per file.
 */
function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const read = new Set([posix.normalize(input.file)])
  const queue: Array<{file: string; text: string; depth: number}> = [{file: input.file, text: input.text, depth: 0}]
  // The pipeline's container resources: its templates' jobs name them by alias too (`container: linux`).
  const aliases = new Set<string>()
  for (let next = queue.shift(); next; next = queue.shift()) {
    const {file, depth} = next
    for (const root of mappingDocuments(next.text, file, out.errors, 'an Azure Pipelines file')) {
      const place: Place = {out, file, aliases, seen: new Set(), flat: new Map()}
      resources(place, root)
      jobImages(place, root, '')
      for (const jobs of values(place, root, 'jobs')) jobsOf(place, jobs, 'jobs')
      for (const stages of values(place, root, 'stages'))
        items(place, stages).forEach((stage, i) => {
          if (isMap(stage)) for (const jobs of values(place, stage, 'jobs')) jobsOf(place, jobs, `stages[${i}].jobs`)
        })
      const notRead: Template[] = []
      for (const template of templateReferences(root)) {
        const target = localTemplate(file, template.name, context)
        if (target === undefined || depth >= MAX_TEMPLATE_NESTING) {
          notRead.push(template)
          continue
        }
        if (read.has(target)) continue
        const text = read.size >= MAX_TEMPLATE_FILES ? null : context.readText(target)
        if (text === null) {
          notRead.push(template)
          continue
        }
        read.add(target)
        // A template this format claims by its name (`.azure-pipelines/jobs.yml`) is read on its own.
        if (!discoverer.matches(target)) queue.push({file: target, text, depth: depth + 1})
      }
      templateSkip(out, file, notRead)
    }
  }
  return out
}

/**
 * The file a template reference names in this repository; undefined when it is in another one or not known.
 * "Template paths can be an absolute path within the repository or relative to the file that does the including. To
 * use an absolute path, the template path must start with a /" (templates#reference-template-paths); `file@self` is
 * "the repository where the original pipeline was found", its path from that repository's root as any `file@alias`
 * path is. The repository's root is taken to be the scan root (the repository itself when it is what is scanned): a
 * root-relative path is read when the file is there, and reported otherwise.
 */
function localTemplate(file: string, written: string | undefined, context: DiscoverContext): string | undefined {
  if (written === undefined || written === '' || EXPRESSION.test(written)) return undefined
  const self = written.endsWith('@self')
  const name = self ? written.slice(0, -'@self'.length) : written
  if (name === '' || name.includes('@')) return undefined
  const fromRoot = self || name.startsWith('/')
  if (!fromRoot) {
    const target = posix.normalize(posix.join(posix.dirname(file), name))
    return target.startsWith('../') || target === '..' ? undefined : target
  }
  const root = scanRoot(file, context)
  const inside = posix.normalize(name.replace(/^\/+/, ''))
  if (root === undefined || inside.startsWith('../') || inside === '..' || inside === '.') return undefined
  return posix.join(root, inside)
}

function resources(place: Place, root: YamlMap): void {
  for (const resourcesNode of values(place, root, 'resources')) {
    if (!isMap(resourcesNode)) continue
    for (const containers of values(place, resourcesNode, 'containers')) containersOf(place, containers)
    for (const repositories of values(place, resourcesNode, 'repositories')) repositoriesOf(place, repositories)
    for (const packages of values(place, resourcesNode, 'packages')) packagesOf(place, packages)
  }
}

/**
 * `resources.packages` (https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/resources-packages-package):
 * "You can consume NuGet and npm GitHub packages as a resource in YAML pipelines", `name: owner/package` (the schema's
 * example: `type: npm`, `name: yourname/contoso`, "a GitHub npm package named contoso"), fetched with `getPackage`.
 * GitHub Packages names an npm package `@OWNER/PACKAGE` on https://npm.pkg.github.com and serves a NuGet package from
 * https://nuget.pkg.github.com/OWNER/index.json (docs.github.com, working with the npm and NuGet registries): listed
 * so, that registry as purl `repository_url` (no resolver asks a public registry for it), version the `version`
 * written; without one, the newest (or the `tag`'s) when the pipeline runs: listed without a version, reported.
 */
const PACKAGE_TYPES: Record<string, 'npm' | 'nuget'> = {npm: 'npm', nuget: 'nuget'}
const OWNER_PACKAGE = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._~-]{1,214})$/

function packagesOf(place: Place, packages: YamlNode): void {
  const {out, file} = place
  if (isScalar(packages) && packages.kind === 'null') return
  if (!isSeq(packages)) {
    out.errors.push(shapeError(file, packages, 'resources.packages', 'list'))
    return
  }
  resourceEntries(place, packages, 'packages', 'version', 'a package name', (head) => {
    const {name, type, text: version, location, shown, skip} = head
    if (
      EXPRESSION.test(name) ||
      (version !== undefined && EXPRESSION.test(version)) ||
      (type !== undefined && EXPRESSION.test(type))
    ) {
      skip(`${shown} holds a $(), \${{ }} or $[ ] expression, known only when the pipeline runs; not guessed`)
      return
    }
    const ecosystem = type === undefined ? undefined : PACKAGE_TYPES[type.toLowerCase()]
    if (ecosystem === undefined) {
      skip(`${shown}: not a package type of Azure Pipelines' package resources (NuGet, npm); not listed`)
      return
    }
    const parts = OWNER_PACKAGE.exec(name)
    if (!parts) {
      out.errors.push({...location, code: 'invalid-entry', message: `${shown} is not owner/package`})
      return
    }
    const [, owner, id] = parts
    out.components.push(
      manifestComponent(file, {
        ecosystem,
        name: ecosystem === 'npm' ? `@${owner.toLowerCase()}/${id}` : id,
        version,
        ref: version === undefined ? name : `${name}@${version}`,
        line: location.line,
        column: location.column,
        direct: true,
        qualifiers: {
          repository_url:
            ecosystem === 'npm' ? 'https://npm.pkg.github.com' : `https://nuget.pkg.github.com/${owner}/index.json`,
        },
      }),
    )
    if (version === undefined)
      out.skipped.push({
        file,
        line: location.line,
        reason: 'unresolved-version',
        message: `${shown} names no version: the newest (or its tag's) is taken when the pipeline runs; listed without a version`,
      })
  })
}

/** The hosts of the repository types whose `name` is `owner/repo` on a public host. */
const REPOSITORY_HOSTS: Record<string, string> = {github: 'github.com', bitbucket: 'bitbucket.org'}
const OWNER_REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/

/**
 * `resources.repositories` (https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/resources-repositories-repository):
 * other repositories the pipeline checks out or takes templates from (`template: file.yml@alias`), at `ref`. A
 * `github` or `bitbucket` one (`name: owner/repo`) is listed as a `generic` package named by the repository, version
 * the ref as written (`refs/tags/v1`), purl `vcs_url`, as the Buildkite and pre-commit formats list repositories.
 * Without `ref` it is listed without a version (`unresolved-version`): Azure Pipelines takes its default
 * (`refs/heads/main`, says the schema) when the pipeline runs. `git` (Azure Repos: `project/repo` of the pipeline's
 * organization, which the file does not name) and `githubenterprise` (a host the service connection names) are
 * skipped, as is a value with an expression: not guessed. `endpoint` (a service connection) is not read.
 * `repository: self` is the pipeline's own repository (microsoft/vscode-java-pack's .azure-pipelines/ci.yml sets its
 * `ref` so): not listed.
 */
function repositoriesOf(place: Place, repositories: YamlNode): void {
  const {out, file} = place
  if (isScalar(repositories) && repositories.kind === 'null') return
  if (!isSeq(repositories)) {
    out.errors.push(shapeError(file, repositories, 'resources.repositories', 'list'))
    return
  }
  resourceEntries(place, repositories, 'repositories', 'ref', 'a repository name', (head) => {
    const {path, name, type, text: ref, node: refNode, location, shown, skip} = head
    if (EXPRESSION.test(name) || (ref !== undefined && EXPRESSION.test(ref))) {
      skip(
        `${shown}${ref === undefined ? '' : ` at ${ref.slice(0, 200)}`} holds a $(), \${{ }} or $[ ] expression, known only when the pipeline runs; not guessed`,
      )
      return
    }
    const host = type === undefined ? undefined : REPOSITORY_HOSTS[type]
    if (host === undefined) {
      skip(
        type === 'git'
          ? `${shown}: an Azure Repos repository of the pipeline's organization, which the file does not name; not listed`
          : type === 'githubenterprise'
            ? `${shown}: a GitHub Enterprise repository on the host its service connection names, not the file; not listed`
            : `${shown}: not a repository type of Azure Pipelines (git, github, githubenterprise, bitbucket); not listed`,
      )
      return
    }
    if (!OWNER_REPO.test(name)) {
      out.errors.push({...location, code: 'invalid-entry', message: `${shown} is not owner/repository`})
      return
    }
    if (refNode !== undefined && (ref === undefined || ref === '')) {
      out.errors.push(
        errorAt(file, refNode, 'invalid-entry', `${path}.ref must be a ref name, not ${describe(refNode)}`),
      )
      return
    }
    out.components.push(
      gitPackageComponent(file, {
        url: `https://${host}/${name}`,
        rev: ref,
        ref: ref === undefined ? name : `${name}@${ref}`,
        line: location.line,
        column: location.column,
        direct: true,
        origin: 'manifest',
      }),
    )
    if (ref === undefined)
      out.skipped.push({
        file,
        line: location.line,
        reason: 'unresolved-version',
        message: `${shown} names no ref: Azure Pipelines takes its default (refs/heads/main) when the pipeline runs; listed without a version`,
      })
  })
}

function containersOf(place: Place, containers: YamlNode): void {
  if (isScalar(containers) && containers.kind === 'null') return
  if (!isSeq(containers)) {
    place.out.errors.push(shapeError(place.file, containers, 'resources.containers', 'list'))
    return
  }
  items(place, containers).forEach((entry, i) => {
    const path = `resources.containers[${i}]`
    if (!isMap(entry)) {
      place.out.errors.push(shapeError(place.file, entry, path, 'mapping'))
      return
    }
    for (const alias of values(place, entry, 'container').map(stringValue))
      if (alias !== undefined) place.aliases.add(alias)
    const images = values(place, entry, 'image')
    // `type: ACR` names a registry by subscription, resource group and repository: no image to list.
    if (images.length === 0 && values(place, entry, 'type').length === 0)
      imageAt(place, undefined, `${path}.image`, entry)
    for (const image of images) imageAt(place, image, `${path}.image`, entry)
  })
}

/**
 * A mapping's entries, those under conditional-insertion keys (`${{ if … }}:` and the like) read as the
 * mapping's own, where written, every branch: the condition is not evaluated. A key may then come more than once.
 */
function entries(place: Place, map: YamlMap): Array<[string, YamlNode]> {
  let found = place.flat.get(map)
  if (found === undefined) {
    found = flatten(place, map, 0, new Set())
    place.flat.set(map, found)
  }
  return found
}

function flatten(place: Place, map: YamlMap, depth: number, visited: Set<YamlNode>): Array<[string, YamlNode]> {
  const found: Array<[string, YamlNode]> = []
  for (const [key, value] of map.entries) {
    if (!INSERTION.test(key)) found.push([key, value])
    // The same mapping inserted twice (an alias) adds nothing the first did not.
    else if (isMap(value) && !visited.has(value) && shallow(place, value, depth)) {
      visited.add(value)
      found.push(...flatten(place, value, depth + 1, visited))
    }
  }
  return found
}

/** Every value of `key` in a mapping, those under insertion keys included, in the order written. */
function values(place: Place, map: YamlMap, key: string): YamlNode[] {
  return entries(place, map)
    .filter(([name]) => name === key)
    .map(([, value]) => value)
}

/**
 * A list's items, those under insertion items (`- ${{ if … }}:` holding a list, or one mapping) read as the list's
 * own, where written; not a list: none.
 */
function items(place: Place, node: YamlNode, depth = 0, visited = new Set<YamlNode>()): YamlNode[] {
  if (!isSeq(node)) return []
  const found: YamlNode[] = []
  for (const item of node.items) {
    const inserted = isMap(item) ? [...item.entries].filter(([key]) => INSERTION.test(key)) : []
    if (inserted.length === 0 || inserted.length !== (item as YamlMap).entries.size) {
      found.push(item)
      continue
    }
    for (const [, value] of inserted) {
      if (visited.has(value) || !shallow(place, value, depth)) continue
      visited.add(value)
      if (isSeq(value)) appendAll(found, items(place, value, depth + 1, visited))
      else if (isMap(value)) found.push(value)
    }
  }
  return found
}

/** Insertion keys nested past MAX_INSERTION_DEPTH: what they hold is not read, reported once per document. */
function shallow(place: Place, node: YamlNode, depth: number): boolean {
  if (depth < MAX_INSERTION_DEPTH) return true
  if (!place.tooDeep) {
    place.tooDeep = true
    place.out.skipped.push({
      file: place.file,
      line: node.line,
      reason: 'unsupported',
      message: `\${{ }} insertion keys nested over ${MAX_INSERTION_DEPTH} deep; what they hold is not read`,
    })
  }
  return false
}

function jobsOf(place: Place, jobs: YamlNode, path: string): void {
  items(place, jobs).forEach((job, i) => {
    if (isMap(job)) jobImages(place, job, `${path}[${i}].`)
  })
}

/** The `container` and `services` of the pipeline (prefix '') or of a job. */
function jobImages(place: Place, holder: YamlMap, prefix: string): void {
  for (const container of values(place, holder, 'container')) containerAt(place, container, `${prefix}container`)
  for (const services of values(place, holder, 'services')) servicesAt(place, services, `${prefix}services`)
}

function servicesAt(place: Place, services: YamlNode, path: string): void {
  if (isScalar(services) && services.kind === 'null') return
  if (!isMap(services)) {
    if (isScalar(services) && EXPRESSION.test(services.text)) containerAt(place, services, path)
    else place.out.errors.push(shapeError(place.file, services, path, 'mapping'))
    return
  }
  for (const [name, service] of entries(place, services)) containerAt(place, service, `${path}.${name}`)
}

/** A container reference: the alias of a resource (listed there), an image name, or `{image: ...}`. */
function containerAt(place: Place, node: YamlNode, path: string): void {
  if ((isScalar(node) && node.kind === 'null') || place.seen.has(node)) return
  place.seen.add(node)
  if (isMap(node)) {
    const images = values(place, node, 'image')
    if (images.length === 0) imageAt(place, undefined, `${path}.image`, node)
    for (const image of images) imageAt(place, image, `${path}.image`, node)
    return
  }
  const value = stringValue(node)
  if (value !== undefined && place.aliases.has(value)) return
  imageAt(place, node, path, node)
}

function imageAt(place: Place, node: YamlNode | undefined, path: string, holder: YamlNode): void {
  const {out, file} = place
  const value = stringValue(node)
  if (node === undefined || value === undefined) {
    out.errors.push(
      errorAt(file, node ?? holder, 'invalid-entry', `${path} must be an image name, not ${describe(node)}`),
    )
    return
  }
  const location = locationOf(file, node)
  if (EXPRESSION.test(value)) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path} "${value.slice(0, 200)}" holds a $(), \${{ }} or $[ ] expression, known only when the pipeline runs; not guessed`,
    })
    return
  }
  addImageRef(out, value, location, 'manifest')
}

interface Template {
  line: number
  /** The path as written; undefined when it is not a string. */
  name: string | undefined
  shown: string
}

/** The `template:` references of a document (extends, stages, jobs, steps, variables), in the order written. */
function templateReferences(root: YamlNode): Template[] {
  const stack: YamlNode[] = [root]
  let count = 0
  const found: Template[] = []
  while (stack.length > 0 && count++ < MAX_TEMPLATE_SCAN) {
    const node = stack.pop() as YamlNode
    if (isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i])
    else if (isMap(node)) {
      const template = node.entries.get('template')
      if (template !== undefined) {
        const name = stringValue(template)
        found.push({line: template.line, name, shown: name?.slice(0, 200) ?? describe(template)})
      }
      for (const value of [...node.entries.values()].reverse()) if (value !== template) stack.push(value)
    }
  }
  return found
}

/** The template references not read (see discover): one skip, at the first. */
function templateSkip(out: Output, file: string, templates: Template[]): void {
  if (templates.length === 0) return
  const first = templates.reduce((a, b) => (b.line < a.line ? b : a))
  const n = templates.length
  out.skipped.push({
    file,
    line: first.line,
    reason: 'unsupported',
    message: `${n} template reference${n === 1 ? '' : 's'} (first: ${first.shown}) not read (in another repository, an expression, or no such file under the scan root): the containers they declare are not listed`,
  })
}

/** What a `resources.packages` or `resources.repositories` entry gives every reader of it. */
interface ResourceHead {
  path: string
  name: string
  type: string | undefined
  /** Its `version` or `ref` node, and its text as written (Azure reads every scalar as text: `ref: 6.0` is the tag 6.0). */
  node: YamlNode | undefined
  text: string | undefined
  location: {file: string; line: number; column: number}
  /** `resources.packages[0] npm "owner/pkg"`: how messages name it. */
  shown: string
  skip(message: string): void
}

/**
 * Each mapping of a `resources.<list>` (read once, whatever includes it), with its name, type and `field`;
 * `repository: self` (the pipeline's own repository) and entries without a name are not handed on (the latter an
 * error naming `what` it must be).
 */
function resourceEntries(
  place: Place,
  entries: YamlNode,
  list: 'packages' | 'repositories',
  field: 'version' | 'ref',
  what: string,
  read: (head: ResourceHead) => void,
): void {
  const {out, file} = place
  items(place, entries).forEach((entry, i) => {
    const path = `resources.${list}[${i}]`
    if (!isMap(entry)) {
      out.errors.push(shapeError(file, entry, path, 'mapping'))
      return
    }
    if (place.seen.has(entry)) return
    place.seen.add(entry)
    // `repository: self` is the pipeline's own repository (its `ref`, `trigger` set here): no name, not listed.
    if (list === 'repositories' && stringValue(values(place, entry, 'repository')[0]) === 'self') return
    const nameNode = values(place, entry, 'name')[0]
    const name = stringValue(nameNode)
    const type = stringValue(values(place, entry, 'type')[0])
    const node = values(place, entry, field)[0]
    const text = isScalar(node) && node.kind !== 'null' && node.text !== '' ? node.text : undefined
    if (nameNode === undefined || name === undefined) {
      out.errors.push(
        errorAt(file, nameNode ?? entry, 'invalid-entry', `${path}.name must be ${what}, not ${describe(nameNode)}`),
      )
      return
    }
    const location = locationOf(file, nameNode)
    const shown = `${path} ${type ?? '(no type)'} "${name.slice(0, 200)}"`
    const skip = (message: string) => out.skipped.push({file, line: location.line, reason: 'unsupported', message})
    read({path, name, type, node, text, location, shown, skip})
  })
}
