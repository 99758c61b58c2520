/**
 * Devfile 2.x (https://devfile.io/docs/2.2.0/devfile-schema; the JSON schema of devfile/api,
 * schemas/latest/devfile.json), read by Eclipse Che, OpenShift Dev Spaces and odo: `devfile.yaml` and `.devfile.yaml`
 * (and the `.yml` names odo also looks for). The images a development environment runs, listed `dev` as a Dev
 * Container's are (they make the development environment, not what ships), origin `manifest`:
 * - `components[].container.image`;
 * - the images of the Kubernetes objects a `kubernetes` or `openshift` component's `inlined` manifest holds (./inlined.ts,
 *   with the shared image finder); one in a file (`uri`) is left to the Kubernetes manifest format, which reads it by
 *   name; a URL, or a name that format does not read, is reported;
 * - `parent.components[]`, which override the parent devfile's components: an image written there replaces the
 *   parent's, and is listed. The parent itself (`id` in a registry, `uri`, a `kubernetes` DevWorkspaceTemplate) is
 *   another devfile: reported (`unsupported`), naming it. So is a 2.0/2.1 `plugin` component.
 * - An `image` component is an image BUILD: its `imageName` is what it produces, not listed, and a container or
 *   manifest image equal to it is that build (reported, not listed). Its Dockerfile (`dockerfile.uri`) is read by the
 *   dockerfile format by name: one it would not read, a URL, a devfile registry's or a git repository's is reported.
 * - `{{variable}}` references are replaced by the values the file's `variables:` (and `parent.variables`) give, as
 *   the devfile library replaces them for schemaVersion 2.1.0 and later (./variables.ts); a reference to a variable
 *   the file does not define is reported (`unset-variable`), never guessed (odo's `--var` may set any of them).
 * Credentials are never read: a container's `env`, the build's `args` and the rest of a component are not read.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import {imageComponent, normalisedImage, parseImageRef} from '../../../core/image-ref.js'
import type {Location} from '../../../core/model.js'
import {isDockerfile, isJsonManifestCandidate, isManifestCandidate} from '../../file-names.js'
import {emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {readInlined} from './inlined.js'
import {references, replaceVariables} from './variables.js'

export const discoverer: Discoverer = {
  id: 'devfile',
  description: 'Devfile 2.x devfile.yaml (Che, Dev Spaces, odo): container images, inlined Kubernetes manifests',
  matches: (file) => /(^|\/)\.?devfile\.ya?ml$/.test(file),
  identify: (head) => /^schemaVersion:[ \t]*["']?2\.\d/m.test(head),
  discover,
}

interface Place {
  out: Output
  file: string
  text: string
  context: DiscoverContext
  /** The file's variables; empty for schemaVersion 2.0.0, which has none (the library replaces nothing). */
  variables: Map<string, string>
  /** No variables in this schema version: `{{…}}` stays as written. */
  noVariables: boolean
  /** A parent devfile may define variables this one uses. */
  parent: boolean
  /** What the file's image components build (imageName, normalised) → the component's name. */
  built: Map<string, string>
  /**
   * odo's image names as selectors: the last path segment of a relative imageName → the component's name and that
   * imageName. odo replaces every container and manifest image with that last segment by what it builds.
   */
  selectors: Map<string, {component: string; imageName: string}>
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a devfile')) {
    const version = stringValue(root.entries.get('schemaVersion'))
    if (version === undefined) {
      const api = stringValue(root.entries.get('apiVersion'))
      if (api?.startsWith('1.'))
        out.skipped.push({
          file: input.file,
          line: root.entries.get('apiVersion')?.line,
          reason: 'unsupported',
          message: `a devfile ${elide(api, 50)} (Eclipse Che 7's format, before schemaVersion 2): not read`,
        })
      else {
        const written = root.entries.get('schemaVersion')
        const message =
          written === undefined
            ? 'a devfile needs a schemaVersion (2.x.y)'
            : `schemaVersion must be a version string (2.x.y), not ${describe(written)}`
        out.errors.push(errorAt(input.file, written ?? root, 'invalid-entry', message))
      }
      continue
    }
    const written = root.entries.get('parent')
    const parentNode = isScalar(written) && written.kind === 'null' ? undefined : written
    const noVariables = version === '2.0.0'
    const place: Place = {
      out,
      file: input.file,
      text: input.text,
      context,
      variables: new Map(),
      noVariables,
      parent: parentNode !== undefined,
      built: new Map(),
      selectors: new Map(),
    }
    if (!noVariables) {
      readVariables(place, root.entries.get('variables'), 'variables')
      if (isMap(parentNode)) readVariables(place, parentNode.entries.get('variables'), 'parent.variables')
    }
    const components = listOf(place, root.entries.get('components'), 'components')
    const overrides = isMap(parentNode) ? listOf(place, parentNode.entries.get('components'), 'parent.components') : []
    // Image builds first: a container that runs what one builds is not pulled.
    for (const [path, component] of [...components, ...overrides]) {
      const image = component.entries.get('image')
      if (image !== undefined) imageBuild(place, image, `${path}.image`, stringValue(component.entries.get('name')))
    }
    if (parentNode !== undefined) parentSkip(place, parentNode)
    for (const [path, component] of [...components, ...overrides]) readComponent(place, component, path)
  }
  return out
}

/** `variables: {name: value}`: values are strings (the library unmarshals them into strings). */
function readVariables(place: Place, node: YamlNode | undefined, path: string): void {
  if (isAbsent(node)) return
  if (!isMap(node)) {
    place.out.errors.push(
      errorAt(
        place.file,
        node,
        'invalid-entry',
        `${path} must be a mapping of names to strings, not ${describe(node)}`,
      ),
    )
    return
  }
  for (const [name, value] of node.entries) {
    if (isScalar(value) && value.kind === 'string') place.variables.set(name, value.text)
    else
      place.out.errors.push(
        errorAt(
          place.file,
          value,
          'invalid-entry',
          `${path}.${elide(name, 100)} must be a string (quote it), not ${describe(value)}`,
        ),
      )
  }
}

/** A list of components (mappings), each with its path (`components[2]`); anything else is an error. */
function listOf(place: Place, node: YamlNode | undefined, path: string): Array<[string, YamlMap]> {
  if (isAbsent(node)) return []
  if (!isSeq(node)) {
    place.out.errors.push(
      errorAt(place.file, node, 'invalid-entry', `${path} must be a list of components, not ${describe(node)}`),
    )
    return []
  }
  const maps: Array<[string, YamlMap]> = []
  node.items.forEach((item, i) => {
    if (isMap(item)) maps.push([`${path}[${i}]`, item])
    else
      place.out.errors.push(
        errorAt(
          place.file,
          item,
          'invalid-entry',
          `${path}[${i}] must be a component (a mapping), not ${describe(item)}`,
        ),
      )
  })
  return maps
}

/** A string with the file's variables replaced; undefined (reported) when it refers to one the file does not define. */
function replaced(place: Place, node: YamlNode, path: string, value: string): string | undefined {
  if (!value.includes('{{')) return value
  const result = replaceVariables(value, place.variables)
  if (!result.ok) {
    place.out.errors.push(errorAt(place.file, node, 'invalid-variable', `${path}: ${result.message}`))
    return undefined
  }
  if (result.undefined.length > 0) unsetSkip(place, node.line, `${path} "${elide(value, 200)}"`, result.undefined)
  else if (result.nested.length > 0 && result.value.includes('{{'))
    nestedSkip(place, node.line, `${path} "${elide(value, 200)}"`, result.nested)
  else return result.value
  return undefined
}

/** A variable whose value holds `{{`: the library may replace that again, depending on the order of the references. */
function nestedSkip(place: Place, line: number, what: string, names: readonly string[]): void {
  place.out.skipped.push({
    file: place.file,
    line,
    reason: 'unsupported',
    message: `${what}: the value of ${names.map((name) => elide(name, 100)).join(', ')} holds {{…}}, which the devfile library may or may not replace again (it depends on the order of the references): not guessed`,
  })
}

function unsetSkip(place: Place, line: number, what: string, names: readonly string[]): void {
  const list = names.map((name) => elide(name, 100)).join(', ')
  const why = place.noVariables
    ? `schemaVersion 2.0.0 has no variables: the devfile library leaves {{${list}}} as written`
    : `{{${list}}} is not defined in this file's variables${place.parent ? ' (the parent devfile may define it)' : ''}; set by the tool (odo --var) or not at all: not guessed`
  place.out.skipped.push({file: place.file, line, reason: 'unset-variable', message: `${what}: ${why}`})
}

/** `parent`: another devfile, not read. */
function parentSkip(place: Place, node: YamlNode): void {
  if (!isMap(node)) {
    place.out.errors.push(
      errorAt(
        place.file,
        node,
        'invalid-entry',
        `parent must be a mapping (id, uri or kubernetes), not ${describe(node)}`,
      ),
    )
    return
  }
  const what = reference(node)
  place.out.skipped.push({
    file: place.file,
    line: node.line,
    reason: 'unsupported',
    message: `parent: ${what ?? 'a devfile named by no id, uri or kubernetes'}: another devfile, not read; the images of its components are not listed (those parent.components override are)`,
  })
}

/** How a parent or plugin names its devfile: `id` (in `registryUrl`, at `version`), `uri`, or a DevWorkspaceTemplate. */
function reference(node: YamlMap): string | undefined {
  const text = (key: string) => {
    const value = stringValue(node.entries.get(key))
    return value === undefined ? undefined : elide(value, 200)
  }
  const id = text('id')
  if (id !== undefined) {
    const registry = text('registryUrl')
    const version = text('version')
    return `the devfile "${id}"${version ? ` version ${version}` : ''} of ${registry ? `the registry ${registry}` : 'the registries the tool is configured with'}`
  }
  const uri = text('uri')
  if (uri !== undefined) return `the devfile at ${uri}`
  const kubernetes = node.entries.get('kubernetes')
  const name = isMap(kubernetes) ? stringValue(kubernetes.entries.get('name')) : undefined
  if (name !== undefined) {
    const namespace = isMap(kubernetes) ? stringValue(kubernetes.entries.get('namespace')) : undefined
    return `the DevWorkspaceTemplate ${namespace ? `${elide(namespace, 100)}/` : ''}${elide(name, 100)} of the cluster`
  }
  return undefined
}

/** An image component: records what it builds; its Dockerfile is checked as the dockerfile format would find it. */
function imageBuild(place: Place, node: YamlNode, path: string, name: string | undefined): void {
  const {out, file} = place
  if (!isMap(node)) {
    out.errors.push(
      errorAt(file, node, 'invalid-entry', `${path} must be a mapping (imageName, dockerfile), not ${describe(node)}`),
    )
    return
  }
  const imageName = node.entries.get('imageName')
  const written = stringValue(imageName)
  if (imageName !== undefined && written === undefined)
    out.errors.push(
      errorAt(file, imageName, 'invalid-entry', `${path}.imageName must be an image name, not ${describe(imageName)}`),
    )
  if (written !== undefined) {
    const value = written.includes('{{') ? replaceVariables(written, place.variables) : undefined
    const built =
      value === undefined
        ? written
        : value.ok && value.undefined.length === 0 && value.nested.length === 0
          ? value.value
          : undefined
    const parsed = built === undefined ? undefined : parseImageRef(built)
    if (parsed?.ok) {
      place.built.set(normalisedImage(parsed.image), name ?? path)
      // Relative as the library tells it (imageNameSelector.go parseImageReference): its normalised form is not it.
      const {image} = parsed
      const normalised = `${image.name}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`
      if (normalised !== built)
        place.selectors.set(lastSegment(image.path), {component: name ?? path, imageName: built as string})
    }
  }
  const dockerfile = node.entries.get('dockerfile')
  if (dockerfile === undefined) return
  if (!isMap(dockerfile)) {
    out.errors.push(shapeError(file, dockerfile, `${path}.dockerfile`, 'mapping'))
    return
  }
  const uriNode = dockerfile.entries.get('uri')
  if (uriNode !== undefined) {
    const uri = stringValue(uriNode)
    if (uri === undefined) {
      out.errors.push(
        errorAt(file, uriNode, 'invalid-entry', `${path}.dockerfile.uri must be a path, not ${describe(uriNode)}`),
      )
      return
    }
    const value = replaced(place, uriNode, `${path}.dockerfile.uri`, uri)
    if (value === undefined) return
    if (isUrl(value)) {
      out.skipped.push({
        file,
        line: uriNode.line,
        reason: 'remote-resource',
        message: `${path}.dockerfile.uri "${elide(value, 200)}": a Dockerfile fetched from a URL, not read: the base images of the image it builds are not listed`,
      })
      return
    }
    if (!isDockerfile(posix.join(posix.dirname(file), value)))
      out.skipped.push({
        file,
        line: uriNode.line,
        reason: 'unsupported',
        message: `${path}.dockerfile.uri "${elide(value, 200)}": the dockerfile format reads such files by name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile), not this one: the base images of the image it builds are not listed`,
      })
    return
  }
  const registry = dockerfile.entries.get('devfileRegistry')
  if (isMap(registry)) {
    const id = stringValue(registry.entries.get('id'))
    const url = stringValue(registry.entries.get('registryUrl'))
    out.skipped.push({
      file,
      line: registry.line,
      reason: 'unsupported',
      message: `${path}.dockerfile.devfileRegistry: the Dockerfile of "${elide(id ?? '?', 200)}" in ${url ? `the devfile registry ${elide(url, 200)}` : 'a devfile registry'}, not read: the base images of the image it builds are not listed`,
    })
    return
  }
  const git = dockerfile.entries.get('git')
  if (isMap(git)) {
    const remotes = git.entries.get('remotes')
    const urls = isMap(remotes) ? [...remotes.entries.values()].map(stringValue).filter((url) => url !== undefined) : []
    const location = stringValue(git.entries.get('fileLocation')) ?? 'Dockerfile'
    out.skipped.push({
      file,
      line: git.line,
      reason: 'remote-resource',
      message: `${path}.dockerfile.git: the ${elide(location, 200)} of the git repository ${urls.length > 0 ? urls.map((url) => elide(url, 200)).join(', ') : '(no remote)'}, not read: the base images of the image it builds are not listed`,
    })
  }
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

function isUrl(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)
}

function readComponent(place: Place, component: YamlMap, path: string): void {
  const container = component.entries.get('container')
  if (container !== undefined) readContainer(place, container, `${path}.container`, path.startsWith('parent.'))
  for (const kind of ['kubernetes', 'openshift'] as const) {
    const manifest = component.entries.get(kind)
    if (manifest !== undefined) readManifest(place, manifest, `${path}.${kind}`)
  }
  const plugin = component.entries.get('plugin')
  if (isMap(plugin))
    place.out.skipped.push({
      file: place.file,
      line: plugin.line,
      reason: 'unsupported',
      message: `${path}.plugin: ${reference(plugin) ?? 'a plugin named by no id, uri or kubernetes'}: another devfile, not read; the images of its components are not listed`,
    })
}

function readContainer(place: Place, node: YamlNode, path: string, override: boolean): void {
  const {out, file} = place
  if (!isMap(node)) {
    out.errors.push(shapeError(file, node, path, 'mapping'))
    return
  }
  const image = node.entries.get('image')
  // An override may leave the parent's image as it is; a container of the file's own must name one.
  if (image === undefined) {
    if (!override) out.errors.push(errorAt(file, node, 'invalid-entry', `${path} has no image`))
    return
  }
  const written = stringValue(image)
  if (written === undefined) {
    out.errors.push(
      errorAt(file, image, 'invalid-entry', `${path}.image must be an image name, not ${describe(image)}`),
    )
    return
  }
  const value = replaced(place, image, `${path}.image`, written)
  if (value !== undefined) addImage(place, written, value, locationOf(file, image), `${path}.image`)
}

/** An image as written and with its variables replaced: listed, `dev`, unless the file's image component builds it. */
function addImage(place: Place, written: string, value: string, location: Location, what: string): void {
  const {out} = place
  const parsed = parseImageRef(value)
  if (!parsed.ok) {
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `${what}: invalid image reference "${elide(value, 200)}": ${parsed.message}`,
    })
    return
  }
  const builder = place.built.get(normalisedImage(parsed.image))
  if (builder !== undefined) {
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `${what} "${elide(written, 200)}" is the image the image component ${elide(builder, 100)} builds from a Dockerfile of the repository: not pulled, not listed (the dockerfile format lists its base images)`,
    })
    return
  }
  const selector = place.selectors.get(lastSegment(parsed.image.path))
  if (selector !== undefined) {
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `${what} "${elide(written, 200)}": odo puts the image the image component ${elide(selector.component, 100)} builds in its place (its relative imageName "${elide(selector.imageName, 200)}" selects every image named ${elide(lastSegment(parsed.image.path), 100)}, whatever its registry, tag or digest): not listed; a tool that builds no image components (Che) pulls it as written`,
    })
    return
  }
  const component = imageComponent(parsed.image, written, location, 'manifest')
  component.scope = 'dev'
  out.components.push(component)
}

/** A kubernetes or openshift component: `inlined` manifests are read; a `uri` is the Kubernetes format's, or reported. */
function readManifest(place: Place, node: YamlNode, path: string): void {
  const {out, file} = place
  if (!isMap(node)) {
    out.errors.push(
      errorAt(file, node, 'invalid-entry', `${path} must be a mapping (uri or inlined), not ${describe(node)}`),
    )
    return
  }
  const inlined = node.entries.get('inlined')
  if (inlined !== undefined) {
    if (isScalar(inlined) && inlined.kind === 'string') readInlinedImages(place, inlined, `${path}.inlined`)
    else if (!(isScalar(inlined) && inlined.kind === 'null'))
      out.errors.push(
        errorAt(
          file,
          inlined,
          'invalid-entry',
          `${path}.inlined must be a string holding Kubernetes manifests, not ${describe(inlined)}`,
        ),
      )
  }
  const uriNode = node.entries.get('uri')
  if (uriNode === undefined) return
  const uri = stringValue(uriNode)
  if (uri === undefined) {
    out.errors.push(
      errorAt(file, uriNode, 'invalid-entry', `${path}.uri must be a path or URL, not ${describe(uriNode)}`),
    )
    return
  }
  const value = replaced(place, uriNode, `${path}.uri`, uri)
  if (value === undefined) return
  const skip = (reason: 'unsupported' | 'remote-resource', why: string) =>
    out.skipped.push({file, line: uriNode.line, reason, message: `${path}.uri "${elide(value, 200)}": ${why}`})
  if (isUrl(value)) {
    skip('remote-resource', 'manifests fetched from a URL, not read: their images are not listed')
    return
  }
  const target = posix.normalize(posix.join(posix.dirname(file), value))
  if (!isManifestCandidate(target) && !isJsonManifestCandidate(target)) {
    skip('unsupported', 'the Kubernetes manifest format does not read a file of that name: its images are not listed')
    return
  }
  // The Kubernetes format reads the file by its name; the devfile's variables are not replaced there. readText reads
  // only inside the scanned tree (a `../` above it gives nothing); a path starting with `../` is no sign of that: the
  // scanned folder itself may be given as `../project`.
  const text = place.context.readText(target)
  if (text?.includes('{{'))
    skip(
      'unsupported',
      "read by the Kubernetes manifest format, which does not replace this devfile's {{variables}}: it reports them as templates, and the images written with them are not listed",
    )
}

function readInlinedImages(place: Place, node: YamlNode & {text: string}, path: string): void {
  const {out, file} = place
  const read = readInlined(node as Parameters<typeof readInlined>[0], place.text, file, place.variables)
  if (read.refused !== undefined) {
    out.errors.push(errorAt(file, node, 'invalid-variable', `${path}: ${read.refused}; not read`))
    return
  }
  for (const error of read.errors) out.errors.push({file, ...error})
  const told = new Set<number>()
  for (const {line, names} of read.unreplaced) {
    if (told.has(line)) continue
    told.add(line)
    unsetSkip(place, line, `${path}, line ${line}`, names)
  }
  for (const image of read.images) {
    if (image.value.includes('{{')) {
      const what = `${path}: image "${elide(image.written, 200)}"`
      if (image.undefined.length === 0 && image.nested.length > 0)
        nestedSkip(place, image.location.line, what, image.nested)
      else {
        const names = image.undefined.length > 0 ? image.undefined : references(image.value).map((r) => r.name)
        unsetSkip(place, image.location.line, what, [...new Set(names)].slice(0, 20))
      }
      continue
    }
    addImage(place, image.written, image.value, image.location, `${path}: image`)
  }
}
