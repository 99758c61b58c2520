/**
 * Woodpecker CI workflows (`.woodpecker.yml`, `.woodpecker.yaml`, and every `.yml`/`.yaml` file directly in
 * `.woodpecker/`; https://woodpecker-ci.org/docs/usage/workflow-syntax): the container images its steps run in.
 * - The `image` of each step of `steps` (a list of steps, Woodpecker 2+, or a mapping of name to step), of the older
 *   `pipeline:` key (same forms), of `services` (a list or a mapping) and of `clone` (a list or a mapping of clone
 *   steps). A plugin is a step whose image is the plugin (`image: woodpeckerci/plugin-git`), listed as any image.
 *   An image written once under an anchor (`variables: [&golang golang:1.22]`) and used through aliases is listed at
 *   each alias: each is a step that runs it.
 * - `matrix:` (https://woodpecker-ci.org/docs/usage/matrix-workflows): Woodpecker substitutes each axis's values into
 *   the workflow's text before reading it. An image whose every `${NAME}`/`$NAME` is a variable of every axis of the
 *   file's own matrix is listed once per distinct value it takes, where the image is written (./matrix.ts); else it
 *   is reported.
 * - Reported (`unsupported`): an image holding any other `$VAR`/`${VAR}` (`${CI_COMMIT_TAG}` and other `CI_*`
 *   variables, the server's global environment, envsubst functions such as `${VAR##prefix}`): filled in when the
 *   pipeline runs, not guessed.
 * - Not read: `when`, `settings`, `environment`, `secrets`, `backend_options`; credentials of private images (the
 *   registry secrets set in Woodpecker, never in the file) are never read or echoed.
 */
import {addImageRef, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, stringValue, type YamlNode} from '../../yaml-tree.js'
import {axesOf, MATRIX_NOT_EXPANDED, namesOf, templateOf, valuesOver} from './matrix.js'

export const discoverer: Discoverer = {
  id: 'woodpecker',
  description: 'Woodpecker CI .woodpecker.yml and .woodpecker/*.yml: images of steps (plugins too), services and clone',
  matches: (file) => /(^|\/)\.woodpecker\.ya?ml$/.test(file) || /(^|\/)\.woodpecker\/[^/]+\.ya?ml$/.test(file),
  discover,
}

/** Top-level keys holding steps (`pipeline` is the key of Woodpecker before 1.0). */
const SECTIONS = ['steps', 'pipeline', 'services', 'clone']

interface Place {
  out: Output
  file: string
  matrix: YamlNode | undefined
  /** Matrix substitutions made in the file (./matrix.ts MAX_WORK). */
  budget: {work: number}
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const budget = {work: 0}
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a Woodpecker workflow', {
    mergeSequences: true,
  })) {
    const matrix = root.entries.get('matrix')
    if (matrix !== undefined && !isMap(matrix) && !(isScalar(matrix) && matrix.kind === 'null'))
      out.errors.push(shapeError(input.file, matrix, 'matrix', 'mapping'))
    const place: Place = {out, file: input.file, matrix: isMap(matrix) ? matrix : undefined, budget}
    for (const section of SECTIONS) stepsOf(place, root.entries.get(section), section)
  }
  return out
}

/** A list of steps (each with a `name`) or a mapping of name to step. */
function stepsOf(place: Place, node: YamlNode | undefined, section: string): void {
  if (isAbsent(node)) return
  if (isMap(node)) {
    for (const [name, step] of node.entries) stepAt(place, step, `${section}.${name}`)
    return
  }
  if (!isSeq(node)) {
    place.out.errors.push(
      errorAt(
        place.file,
        node,
        'invalid-entry',
        `${section} must be a list or a mapping of steps, not ${describe(node)}`,
      ),
    )
    return
  }
  node.items.forEach((step, i) => {
    const name = isMap(step) ? stringValue(step.entries.get('name')) : undefined
    stepAt(place, step, name === undefined ? `${section}[${i}]` : `${section} "${name.slice(0, 200)}"`)
  })
}

function stepAt(place: Place, step: YamlNode, where: string): void {
  if (!isMap(step)) {
    place.out.errors.push(shapeError(place.file, step, where, 'mapping'))
    return
  }
  imageAt(place, step.entries.get('image'), where)
}

function imageAt(place: Place, node: YamlNode | undefined, where: string): void {
  const {out, file} = place
  if (isAbsent(node)) return
  const value = stringValue(node)
  if (value === undefined) {
    out.errors.push(errorAt(file, node, 'invalid-entry', `${where}.image must be a string, not ${describe(node)}`))
    return
  }
  const location = locationOf(file, node)
  if (!value.includes('$')) {
    addImageRef(out, value, location, 'manifest')
    return
  }
  const {matrix} = place
  const template = templateOf(value)
  const axes = matrix && template ? axesOf(matrix) : undefined
  const values = template && axes && axes.length > 0 ? valuesOver(template, axes, place.budget) : undefined
  if (values) {
    for (const image of values) addImageRef(out, image, location, 'manifest')
    return
  }
  const shown = value.slice(0, 200)
  const fromMatrix =
    matrix !== undefined && template !== undefined && namesOf(template).some((n) => declares(matrix, n))
  out.skipped.push({
    file,
    line: location.line,
    reason: 'unsupported',
    message: fromMatrix
      ? `${where}.image "${shown}" takes variables from the workflow's matrix, ${MATRIX_NOT_EXPANDED}, or not every axis sets them`
      : `${where}.image "${shown}" holds a variable, which Woodpecker substitutes (CI_* variables, the server's environment) when the pipeline runs; not guessed`,
  })
}

/** Whether the matrix names a variable: one of its axes, or a key of an include entry. */
function declares(matrix: YamlNode, name: string): boolean {
  if (!isMap(matrix)) return false
  if (name !== 'include' && matrix.entries.has(name)) return true
  const include = matrix.entries.get('include')
  return isSeq(include) && include.items.some((entry) => isMap(entry) && entry.entries.has(name))
}
