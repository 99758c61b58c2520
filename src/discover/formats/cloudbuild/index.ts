/**
 * Google Cloud Build configuration files (https://cloud.google.com/build/docs/build-config-file-schema), YAML or
 * JSON: the builder images a build's steps run in.
 * - Read: `steps[].name`, each step's image (`gcr.io/cloud-builders/docker`, `node:20`), listed where written.
 *   Nothing else is listed: `images:` and `artifacts:` are what the build pushes, not what it runs; `options`,
 *   `availableSecrets`, `secrets` and a step's `secretEnv`/`env` are never read.
 * - Substitutions (https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values): `$NAME` and
 *   `${NAME}` in a step's name (`$$` a literal `$`). Built-in ones (`$PROJECT_ID`, `$COMMIT_SHA`, the GitHub pull
 *   request ones such as `$_PR_NUMBER`) are set when the build runs: the image is reported (`unsupported`), naming
 *   them. A user-defined one (`$_NAME`) takes the value the file's own `substitutions:` gives it: Cloud Build's
 *   documentation calls those values defaults, which a trigger or `gcloud builds submit --substitutions` may
 *   override. The component's `ref` is the name as written (`node:${_NODE_VERSION}`), its name and version what the
 *   default makes of it. One without a default here, or whose default holds substitutions itself (dynamic
 *   substitutions), and any bash-style `${…}` expression, are reported, not guessed.
 * - Names: `cloudbuild.yaml`/`.yml`/`.json` and `*.cloudbuild.yaml` (SchemaStore's) are read by name; names users
 *   give them otherwise (`cloudbuild-prod.yaml`, `deploy-cloudbuild.yml`, files in `cloudbuild/` or `.cloudbuild/`)
 *   only when the head of the file has a top-level `steps` with a `name` (../../file-names.ts).
 */
import {appendAll} from '../../../core/arrays.js'
import {elide} from '../../../core/elide.js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import {isCloudBuildCandidate, isCloudBuildFile} from '../../file-names.js'
import {hasTopLevelKey, readJsonTree} from '../../json-tree.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'cloudbuild',
  description: 'Google Cloud Build cloudbuild.yaml/.json: the builder image of each step',
  matches: isCloudBuildCandidate,
  // Cloud Build's own names are read by name alone; the other names it matches, when their head is a config.
  named: isCloudBuildFile,
  sniff,
  identify,
  discover,
}

/** Set by Cloud Build for every build, or for builds a trigger starts (GitHub pull requests for the `_` ones). */
const BUILT_IN = new Set([
  'PROJECT_ID',
  'BUILD_ID',
  'PROJECT_NUMBER',
  'LOCATION',
  'TRIGGER_NAME',
  'COMMIT_SHA',
  'REVISION_ID',
  'SHORT_SHA',
  'REPO_NAME',
  'REPO_FULL_NAME',
  'BRANCH_NAME',
  'TAG_NAME',
  'REF_NAME',
  'TRIGGER_BUILD_CONFIG_PATH',
  'SERVICE_ACCOUNT_EMAIL',
  'SERVICE_ACCOUNT',
  '_HEAD_BRANCH',
  '_BASE_BRANCH',
  '_HEAD_REPO_URL',
  '_PR_NUMBER',
])

/** Longer than any image reference (../../../core/image-ref.ts refuses past 1,024): substitution stops there. */
const MAX_NAME = 4096

// --- Which files ---------------------------------------------------------------------------------------------

/** A top-level `steps` key (YAML block or flow, quoted or not) and a `name` key somewhere after. */
const YAML_STEPS = /^["']?steps["']?[ \t]*:/m
const YAML_NAME = /(?:^|[\s{,])["']?name["']?[ \t]*:/m

/** The head has a top-level `steps` with a `name` (for the names that are not Cloud Build's own: `named`). */
function sniff(head: string): boolean {
  return looksLikeConfig(head)
}

function looksLikeConfig(head: string): boolean {
  if (/^\s*\{/.test(head)) return hasTopLevelKey(head, 'steps') && /"name"\s*:/.test(head)
  const steps = YAML_STEPS.exec(head)
  return steps !== null && YAML_NAME.test(head.slice(steps.index))
}

/**
 * Standard input, without a name: `steps:` whose `name` is an image (`gcr.io/cloud-builders/docker`, `node:20`),
 * and none of what other CI files with `steps:` have (Drone's `kind:`, a step's `image:` or `commands:`).
 */
function identify(head: string): boolean {
  if (!looksLikeConfig(head)) return false
  if (/^\s*\{/.test(head)) return /"name"\s*:\s*"[A-Za-z0-9$][^"\s]*[/:]/.test(head)
  return (
    /^[ \t]*(?:-[ \t]+)?name:[ \t]*["']?[A-Za-z0-9$][\w.${}@-]*[/:]/m.test(head) &&
    !/^kind:/m.test(head) &&
    !/^[ \t]+(?:-[ \t]+)?(?:image|commands?|label|plugins):/m.test(head)
  )
}

// --- Reading -------------------------------------------------------------------------------------------------

interface Place {
  out: Output
  file: string
  /** `substitutions:` of the file: user-defined names to their default, or the node that is not a value. */
  defaults: Map<string, string | YamlNode>
  /** Step mappings already read: a step written once and run again through an alias is listed once. */
  seen: Set<YamlNode>
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  if (/\.json$/i.test(input.file)) {
    const {root, errors} = readJsonTree(input.text, input.file)
    appendAll(out.errors, errors)
    if (root === undefined) return out
    if (isMap(root)) readConfig(out, input.file, root)
    else out.errors.push(errorAt(input.file, root, 'invalid-entry', 'a Cloud Build config file must be a JSON object'))
    return out
  }
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a Cloud Build config file'))
    readConfig(out, input.file, root)
  return out
}

function readConfig(out: Output, file: string, root: YamlMap): void {
  const place: Place = {out, file, defaults: defaultsOf(out, file, root.entries.get('substitutions')), seen: new Set()}
  const steps = root.entries.get('steps')
  if (steps === undefined) {
    out.errors.push(
      errorAt(file, root, 'invalid-entry', 'a Cloud Build config has no steps (`steps:`, the list of what it runs)'),
    )
    return
  }
  if (!isSeq(steps)) {
    out.errors.push(errorAt(file, steps, 'invalid-entry', `steps must be a list of steps, not ${describe(steps)}`))
    return
  }
  steps.items.forEach((step, i) => {
    if (!isMap(step)) {
      out.errors.push(
        errorAt(file, step, 'invalid-entry', `steps[${i}] must be a step (a mapping), not ${describe(step)}`),
      )
      return
    }
    if (place.seen.has(step)) return
    place.seen.add(step)
    stepImage(place, step, `steps[${i}]`)
  })
}

/** User-defined substitutions (`_NAME`) and their defaults; a value that is no string is kept as its node. */
function defaultsOf(out: Output, file: string, node: YamlNode | undefined): Map<string, string | YamlNode> {
  const defaults = new Map<string, string | YamlNode>()
  if (isAbsent(node)) return defaults
  if (!isMap(node)) {
    out.errors.push(
      errorAt(file, node, 'invalid-entry', `substitutions must be a mapping of names to values, not ${describe(node)}`),
    )
    return defaults
  }
  for (const [name, value] of node.entries) {
    // Numbers as written (`_PORT: 5432`); a mapping, a list or null is no value.
    const written = isScalar(value) && value.kind !== 'null' ? value.text : undefined
    defaults.set(name, written ?? value)
  }
  return defaults
}

/** A step's `name`: the image it runs in. */
function stepImage(place: Place, step: YamlMap, path: string): void {
  const {out, file} = place
  const name = step.entries.get('name')
  if (name === undefined) {
    out.errors.push(errorAt(file, step, 'invalid-entry', `${path} has no name (the image the step runs in)`))
    return
  }
  if (!isScalar(name) || name.kind !== 'string' || name.text === '') {
    out.errors.push(
      errorAt(
        file,
        name,
        'invalid-entry',
        `${path}.name must be an image name (a string), not ${isScalar(name) && name.kind === 'string' ? 'an empty string' : describe(name)}`,
      ),
    )
    return
  }
  const written = name.text
  const location = locationOf(file, name)
  if (!written.includes('$')) {
    addImageRef(out, written, location, 'manifest')
    return
  }
  const resolved = substitute(written, place)
  if ('unresolved' in resolved) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path}.name "${elide(written, 200)}" holds ${resolved.unresolved.join('; ')}: not guessed`,
    })
    return
  }
  if ('invalid' in resolved) {
    out.errors.push(errorAt(file, resolved.at ?? name, 'invalid-entry', `${path}.name: ${resolved.invalid}`))
    return
  }
  const parsed = parseImageRef(resolved.value)
  if (!parsed.ok) {
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `${path}.name "${elide(written, 200)}" with the file's substitutions is "${elide(resolved.value, 200)}", no image reference: ${parsed.message}`,
    })
    return
  }
  out.components.push(imageComponent(parsed.image, written, location, 'manifest'))
}

type Resolved = {value: string} | {unresolved: string[]} | {invalid: string; at?: YamlNode}

/** A substitution's name where `$` is followed by one (sticky: matched at `lastIndex`, nothing copied). */
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y
/** Substitutions a skip names; the others are counted. */
const MAX_TOLD = 10

/**
 * `written` with the file's defaults in, Cloud Build's way: `$NAME`, `${NAME}`, `$$` for `$`. What cannot be
 * substituted here is told, each once: built-in substitutions, user-defined ones without a default (or with one
 * that holds substitutions itself), bash-style `${…}` expressions, names that are no substitution.
 */
function substitute(written: string, place: Place): Resolved {
  const unresolved: string[] = []
  const said = new Set<string>()
  let untold = 0
  const tell = (key: string, what: string) => {
    if (said.has(key)) return
    said.add(key)
    if (unresolved.length < MAX_TOLD) unresolved.push(what)
    else untold++
  }
  let value = ''
  let i = 0
  while (i < written.length) {
    if (value.length > MAX_NAME) return {invalid: `longer than ${MAX_NAME} characters with the file's substitutions`}
    const char = written[i]
    if (char !== '$') {
      value += char
      i++
      continue
    }
    if (written[i + 1] === '$') {
      value += '$'
      i += 2
      continue
    }
    let name: string | undefined
    if (written[i + 1] === '{') {
      const end = written.indexOf('}', i + 2)
      const inner = end < 0 ? written.slice(i + 2) : written.slice(i + 2, end)
      if (end < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner)) {
        const expression = end < 0 ? written.slice(i) : written.slice(i, end + 1)
        tell(
          `\${${inner}`,
          `"${elide(expression, 100)}", a bash-style expression Cloud Build evaluates when the build runs (dynamic substitutions)`,
        )
        i = end < 0 ? written.length : end + 1
        continue
      }
      name = inner
      i = end + 1
    } else {
      NAME.lastIndex = i + 1
      name = NAME.exec(written)?.[0]
      if (name === undefined) {
        value += '$'
        i++
        continue
      }
      i += 1 + name.length
    }
    const found = lookup(name, place)
    if (typeof found === 'string') value += found
    else if ('invalid' in found) return found
    else tell(name, found.unresolved)
  }
  if (untold > 0) unresolved.push(`${untold} more`)
  if (unresolved.length > 0) return {unresolved}
  if (value.length > MAX_NAME) return {invalid: `longer than ${MAX_NAME} characters with the file's substitutions`}
  return {value}
}

/** One substitution's value, or why it has none here. */
function lookup(name: string, place: Place): string | {unresolved: string} | {invalid: string; at: YamlNode} {
  const shown = `$${elide(name, 100)}`
  if (BUILT_IN.has(name)) return {unresolved: `${shown}, a built-in substitution Cloud Build sets when the build runs`}
  if (!/^_[A-Z0-9_]+$/.test(name))
    return {
      unresolved: `${shown}, which is no Cloud Build substitution (built-in ones are listed in its documentation, user-defined ones are _UPPER_CASE)`,
    }
  const found = place.defaults.get(name)
  if (found === undefined)
    return {
      unresolved: `${shown}, a user-defined substitution with no default in this file (set by the build's trigger or gcloud builds submit --substitutions)`,
    }
  if (typeof found !== 'string')
    return {invalid: `substitutions.${elide(name, 100)} must be a string, not ${describe(found)}`, at: found}
  if (found.includes('$'))
    return {
      unresolved: `${shown}, whose default "${elide(found, 200)}" holds substitutions itself (dynamic substitutions, evaluated when the build runs)`,
    }
  return found
}
