/**
 * Gitpod configuration, `.gitpod.yml` (https://www.gitpod.io/docs/references/gitpod-yml; the schema Gitpod validates
 * it with: gitpod-io/gitpod, components/gitpod-protocol/data/gitpod-schema.json): the image the workspace runs in.
 * - `image: NAME` is an image, listed `dev` as a Dev Container's image is (it makes the development environment,
 *   not what ships), origin `manifest`, at the name's line and column.
 * - `image: {file: PATH, context: DIR}` is a Dockerfile of the repository that Gitpod builds: not read here (the
 *   dockerfile format reads it by its name); a name that format would not read is reported, so that its base images
 *   are not missed silently.
 * - No `image:` means Gitpod's default workspace image: nothing is written, nothing is listed.
 * Tasks, ports, VS Code extensions and the rest are not read.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import {isDockerfile} from '../../file-names.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {describe, isMap, isScalar, stringValue, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'gitpod',
  description: 'Gitpod .gitpod.yml: the workspace image (a Dockerfile it builds reported when not read by name)',
  matches: (file) => /(^|\/)\.gitpod\.ya?ml$/.test(file),
  discover,
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a Gitpod configuration')) {
    const image = root.entries.get('image')
    if (image !== undefined) readImage(out, input.file, image)
  }
  return out
}

function readImage(out: Output, file: string, node: YamlNode): void {
  if (isScalar(node) && node.kind === 'null') return
  if (isMap(node)) {
    readDockerfile(out, file, node.entries.get('file'), node)
    const context = node.entries.get('context')
    if (context !== undefined && !(isScalar(context) && context.kind === 'string'))
      out.errors.push(
        errorAt(file, context, 'invalid-entry', `image.context must be a folder path, not ${describe(context)}`),
      )
    return
  }
  const name = stringValue(node)
  if (name === undefined) {
    out.errors.push(
      errorAt(file, node, 'invalid-entry', `image must be an image name or {file: ...}, not ${describe(node)}`),
    )
    return
  }
  const before = out.components.length
  addImageRef(out, name, locationOf(file, node), 'manifest')
  for (const component of out.components.slice(before)) component.scope = 'dev'
}

/** `image.file`: relative to the repository's root, where `.gitpod.yml` is. */
function readDockerfile(out: Output, file: string, node: YamlNode | undefined, image: YamlNode): void {
  const path = stringValue(node)
  if (path === undefined) {
    out.errors.push(
      errorAt(file, node ?? image, 'invalid-entry', `image.file must be a Dockerfile path, not ${describe(node)}`),
    )
    return
  }
  if (isDockerfile(posix.join(posix.dirname(file), path))) return
  out.skipped.push({
    file,
    line: (node as YamlNode).line,
    reason: 'unsupported',
    message: `image.file "${elide(path, 200)}": the dockerfile format reads such files by name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile), not this one: the base images of the workspace image are not listed`,
  })
}
