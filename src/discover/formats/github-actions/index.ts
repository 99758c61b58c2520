/**
 * GitHub Actions workflows (`.github/workflows/*.yml`) and action metadata (`action.yml`, composite and Docker
 * actions): what they run from other repositories and registries
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax,
 * https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax).
 * - `jobs.*.steps[].uses` and composite `runs.steps[].uses`: `owner/repo[/path]@ref` is an action, listed as a
 *   `githubactions` package (name `owner/repo[/path]`, version the ref, purl `pkg:githubactions/owner/repo@ref#path`);
 *   `docker://IMAGE` is an image. Local actions (`./path`) and self-repository references (`$/path`, the running
 *   commit of the same repository) are the repository's own code: not listed.
 * - `jobs.*.uses`: a reusable workflow `owner/repo/.github/workflows/FILE@ref`, listed the same way.
 * - `jobs.*.container` (a string or `{image}`), `jobs.*.services.*.image` and a Docker action's `runs.image:
 *   docker://IMAGE`: images. One that is `${{ matrix.a.b }}`, or text around such references, is read from the
 *   job's matrix (./matrix.ts); other values holding `${{ }}` expressions are skipped: known only at run time.
 *
 * `uses` is split by hand, as GitHub splits it (no library reads it): one `@`, then the part before it cut at `/`
 * (and, in a step, `\`) with empty pieces dropped, so `owner/repo/@ref` and `owner//repo@ref` name `owner/repo`
 * (actions/runner src/Sdk/DTPipelines/Pipelines/ObjectTemplating/PipelineTemplateConverter.cs ConvertToStep,
 * `Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries)`; a reusable workflow's reference is cut at `/`
 * only, actions/languageservices workflow-parser/src/workflows/file-reference.ts parseFileReference).
 * Empty images follow the runner's workflow parser (src/Sdk/WorkflowParser/Conversion/WorkflowTemplateConverter.cs
 * ConvertToJobContainer): `container: ''` and `container: {image: ''}` mean no container, no error; an empty
 * service image, or `docker://` with nothing after it, is refused ("Container image cannot be empty").
 *
 * Forgejo and Gitea Actions read the same syntax from `.forgejo/workflows/` and `.gitea/workflows/` (see forgeOf),
 * where a `uses` may also be a full URL, and a bare `owner/repo@ref` is fetched from the forge's DEFAULT_ACTIONS_URL.
 */
import {purlString} from '../../../core/purl-string.js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Component, Location} from '../../../core/model.js'
import {isActionsFile} from '../../file-names.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isScalar, isSeq, stringValue, type YamlNode, type YamlScalar} from '../../yaml-tree.js'
import {
  MATRIX_NOT_EXPANDED,
  matrixOrLiteral,
  matrixStrings,
  matrixTemplate,
  matrixValues,
  matrixValuesOr,
  wholePath,
} from './matrix.js'
import {appendAll} from '../../../core/arrays.js'

export const discoverer: Discoverer = {
  id: 'github-actions',
  description:
    'GitHub Actions workflows and action.yml: uses: owner/repo@ref, docker:// images, container and service images',
  matches: isActionsFile,
  identify: (head) =>
    (/^['"]?on['"]?:/m.test(head) && /^jobs:[ \t]*$/m.test(head)) ||
    (/^runs:[ \t]*$/m.test(head) && /^[ \t]+using:/m.test(head)),
  discover,
}

/** GitHub login (39 characters, letters, digits, inner hyphens), repository name, a directory in it, a ref. */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/
const REPO = /^[A-Za-z0-9._-]{1,100}$/
const PATH_SEGMENT = /^[A-Za-z0-9._-]+$/
const REF = /^\S{1,255}$/
/** Where a step's `uses` is cut (`/` and `\`); a reusable workflow's is cut at `/` only. */
const STEP_SEPARATORS = /[\\/]/
const WORKFLOW_SEPARATORS = /\//
/** `$/` and a path (leading slashes dropped): actions/runner PipelineConstants.TryParseSelfRepository. */
const SELF_REPOSITORY = /^\$\/+[^/]/

/**
 * Who runs a file, which decides where a bare `owner/repo@ref` is fetched from:
 * - `forgejo`: `.forgejo/workflows/` (and an `action.yml` under a `.forgejo/` folder, a composite action of the
 *   repository's Forgejo workflows). "You can also specify an action like uses: actions/checkout@v4. In this case the
 *   runner will prefix it with the DEFAULT_ACTIONS_URL […] The DEFAULT_ACTIONS_URL is https://data.forgejo.org/ by
 *   default, but it can be changed by the instance administrator" (https://forgejo.org/docs/latest/user/actions/actions/).
 * - `gitea`: `.gitea/workflows/` (and an `action.yml` under `.gitea/`): "when you write uses: actions/checkout@v4, it
 *   downloads the scripts from github.com/actions/checkout by default" (https://docs.gitea.com/usage/actions/faq;
 *   DEFAULT_ACTIONS_URL is `github` or `self`). Forgejo runs `.gitea/workflows/` too where a repository has no
 *   `.forgejo/workflows/` (Forgejo's modules/actions/workflows.go ListWorkflows); the folder's name is Gitea's, so
 *   Gitea's default is taken, as the readme says.
 * - `github`: everything else.
 * The documented defaults are followed; an instance that changes DEFAULT_ACTIONS_URL is not known from the file.
 */
type Forge = 'github' | 'forgejo' | 'gitea'

function forgeOf(file: string): Forge {
  if (/(^|\/)\.forgejo\//.test(file)) return 'forgejo'
  if (/(^|\/)\.gitea\//.test(file)) return 'gitea'
  return 'github'
}

/** Forgejo's documented DEFAULT_ACTIONS_URL (https://forgejo.org/docs/latest/user/actions/actions/). */
const FORGEJO_DEFAULT_ACTIONS_URL = 'https://data.forgejo.org'

/**
 * A full-URL action of Forgejo and Gitea, as their runner splits it (forgejo/runner and gitea/act
 * act/runner/step_action_remote.go newRemoteAction): after `https://` or `http://`, the host up to the first `/`,
 * then `owner/repo[/path]@ref` (`^([^/@]+)/([^/@]+)(/([^@]*))?(@(.*))?$`, a ref required).
 */
const URL_ACTION = /^(https?:\/\/)([^/]+)\/([^/@]+)\/([^/@]+)(?:\/([^@]*))?@(.+)$/
/**
 * A full-URL reusable workflow (act/runner/reusable_workflow.go newRemoteReusableWorkflowFromAbsoluteURL):
 * `^(https?://.*)/([^/]+)/([^/]+)/\.([^/]+)/workflows/([^@]+)@(.*)$`.
 */
const URL_WORKFLOW = /^(https?:\/\/.*)\/([^/]+)\/([^/]+)\/(\.[^/]+\/workflows\/[^@]+)@(.+)$/

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const forge = forgeOf(input.file)
  const yaml = readYaml(input.text, input.file)
  appendAll(out.errors, yaml.errors)
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    const jobs = doc.root.entries.get('jobs')
    if (isMap(jobs)) {
      for (const [id, job] of jobs.entries) {
        usesAt(out, input.file, at(job, 'uses'), `jobs.${id}.uses`, WORKFLOW_SEPARATORS, forge)
        steps(out, input.file, at(job, 'steps'), `jobs.${id}.steps`, forge)
        const matrix = at(job, 'strategy', 'matrix')
        const container = at(job, 'container')
        const image = isMap(container) ? at(container, 'image') : container
        jobImageAt(out, input.file, image, `jobs.${id}.container`, 'job', matrix)
        const services = at(job, 'services')
        if (isMap(services))
          for (const [name, service] of services.entries) {
            const image = isMap(service) ? at(service, 'image') : service
            jobImageAt(out, input.file, image, `jobs.${id}.services.${name}`, 'service', matrix)
          }
      }
    }
    const runs = doc.root.entries.get('runs')
    if (isMap(runs)) {
      steps(out, input.file, at(runs, 'steps'), 'runs.steps', forge)
      const image = stringValue(at(runs, 'image'))
      if (image?.startsWith('docker://')) imageAt(out, input.file, at(runs, 'image'), 'runs.image', 'action')
    }
  }
  return out
}

/** Groups of steps nested this deep at most (a `parallel:` group in a group): more is no workflow GitHub runs. */
const MAX_STEP_GROUPS = 16

/**
 * The actions of a list of steps, and of the steps a `parallel:` group runs side by side (GitHub Actions' parallel
 * steps, generally available since 2026-06-25: `- parallel:` holds a list of steps, each a step or a `steps:` list
 * run in order).
 */
function steps(out: Output, file: string, node: YamlNode | undefined, path: string, forge: Forge, depth = 0): void {
  if (!isSeq(node) || depth > MAX_STEP_GROUPS) return
  node.items.forEach((step, i) => {
    usesAt(out, file, at(step, 'uses'), `${path}[${i}].uses`, STEP_SEPARATORS, forge)
    steps(out, file, at(step, 'parallel'), `${path}[${i}].parallel`, forge, depth + 1)
    // A sequence inside a group (not a key a step of the job's own list has).
    if (depth > 0) steps(out, file, at(step, 'steps'), `${path}[${i}].steps`, forge, depth + 1)
  })
}

/** `./path`, `.\path` and `$/path` (the repository's own code at the running commit); `$/` alone names nothing. */
function isLocal(value: string): boolean {
  return value.startsWith('./') || value.startsWith('.\\') || SELF_REPOSITORY.test(value)
}

function usesAt(
  out: Output,
  file: string,
  node: YamlNode | undefined,
  path: string,
  separators: RegExp,
  forge: Forge,
): void {
  if (node === undefined) return
  const value = stringValue(node)
  if (value === undefined) {
    out.errors.push(errorAt(file, node, 'invalid-workflow', `${path} must be a string`))
    return
  }
  if (isLocal(value)) return
  if (value.startsWith('docker://')) {
    imageAt(out, file, node, path, 'step')
    return
  }
  const location = locationOf(file, node as YamlScalar)
  if (value.includes('${{')) {
    out.skipped.push(expressionSkip(location, path, value))
    return
  }
  if (forge !== 'github' && /^https?:\/\//.test(value)) {
    forgeUrlUses(out, value, location, path, separators === WORKFLOW_SEPARATORS)
    return
  }
  const parts = value.split('@')
  const segments = parts.length === 2 ? parts[0].split(separators).filter((segment) => segment !== '') : []
  const [owner, repo, ...subpath] = segments
  if (
    segments.length < 2 ||
    !OWNER.test(owner) ||
    !REPO.test(repo) ||
    !subpath.every((segment) => PATH_SEGMENT.test(segment)) ||
    !REF.test(parts[1])
  ) {
    out.errors.push({
      ...location,
      code: 'invalid-workflow',
      message: `${path}: "${value.slice(0, 200)}" is not ${forge === 'github' ? '' : 'https://host/owner/repo[/path]@ref, '}owner/repo[/path]@ref, ./path, $/path or docker://image`,
    })
    return
  }
  if (forge !== 'github' && separators === WORKFLOW_SEPARATORS) {
    // A bare reusable workflow is fetched from the instance that runs it (act/runner/reusable_workflow.go
    // newRemoteReusableWorkflowWithPlat, given the instance's own URL), which the file does not name.
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path} "${value.slice(0, 200)}" is a reusable workflow of a repository on the ${forge === 'forgejo' ? 'Forgejo' : 'Gitea'} instance that runs it, which the file does not name; not listed`,
    })
    return
  }
  if (forge === 'forgejo') {
    out.components.push(forgeComponent(`${FORGEJO_DEFAULT_ACTIONS_URL}/${owner}/${repo}`, parts[1], value, location))
    return
  }
  out.components.push(actionComponent(owner, repo, subpath.join('/'), parts[1], value, location))
}

/**
 * A Forgejo or Gitea `uses: https://host/owner/repo[/path]@ref` (a reusable workflow's `https://host/owner/repo/.forgejo/workflows/x.yml@ref`):
 * on github.com, a GitHub action as any; on another host, the repository there at the ref.
 */
function forgeUrlUses(out: Output, value: string, location: Location, path: string, workflow: boolean): void {
  // A uses of over 4096 characters names no repository a runner fetches: not matched (bounds the patterns' work).
  const match = value.length > 4096 ? null : workflow ? URL_WORKFLOW.exec(value) : URL_ACTION.exec(value)
  const [scheme, host] = workflow ? splitBase(match?.[1]) : [match?.[1], match?.[2]]
  const owner = workflow ? match?.[2] : match?.[3]
  const repo = workflow ? match?.[3] : match?.[4]
  const subpath = workflow ? match?.[4] : match?.[5]
  const ref = workflow ? match?.[5] : match?.[6]
  if (!match || scheme === undefined || host === undefined || !owner || !repo || !ref || !REF.test(ref)) {
    out.errors.push({
      ...location,
      code: 'invalid-workflow',
      message: `${path}: "${value.slice(0, 200)}" is not https://host/owner/repo[/path]@ref, owner/repo[/path]@ref, ./path or docker://image`,
    })
    return
  }
  const segments = (subpath ?? '').split('/').filter((segment) => segment !== '')
  if (
    /^github\.com$/i.test(host) &&
    OWNER.test(owner) &&
    REPO.test(repo) &&
    segments.every((segment) => PATH_SEGMENT.test(segment))
  ) {
    out.components.push(actionComponent(owner, repo, segments.join('/'), ref, value, location))
    return
  }
  out.components.push(forgeComponent(`${scheme}${host}/${owner}/${repo}`, ref, value, location))
}

/** `https://host[/prefix]` as its scheme and the rest. */
function splitBase(base: string | undefined): [string | undefined, string | undefined] {
  const match = base === undefined ? null : /^(https?:\/\/)(.+)$/.exec(base)
  return match ? [match[1], match[2]] : [undefined, undefined]
}

/**
 * An action or workflow in a repository of another forge: a `generic` package named by the repository
 * (`data.forgejo.org/actions/checkout`), version the ref as written, purl `vcs_url` (the vcs-url resolver names the
 * repository with no request), as Azure Pipelines' and pre-commit's repositories.
 */
function forgeComponent(url: string, ref: string, written: string, location: Location): Component {
  return gitPackageComponent(location.file, {
    url,
    rev: ref,
    ref: written,
    line: location.line,
    column: location.column,
    direct: true,
    origin: 'manifest',
  })
}

function actionComponent(
  owner: string,
  repo: string,
  subpath: string,
  ref: string,
  written: string,
  location: Location,
): Component {
  const purl = purlString('githubactions', owner, repo, ref, undefined, subpath || undefined)
  return {
    kind: 'package',
    ecosystem: 'githubactions',
    name: `${owner}/${repo}${subpath ? `/${subpath}` : ''}`,
    version: ref,
    purl,
    ref: written,
    direct: true,
    origin: 'manifest',
    locations: [location],
  }
}

/**
 * A job's container or service image; `${{ matrix.a.b }}` stands for the values the job's matrix gives it, each
 * listed where it is written (an empty or missing one is no container in that job, as GitHub evaluates it).
 */
function jobImageAt(
  out: Output,
  file: string,
  node: YamlNode | undefined,
  path: string,
  field: ImageField,
  matrix: YamlNode | undefined,
): void {
  const value = stringValue(node)
  const orLiteral = value?.includes('||') ? matrixOrLiteral(value) : undefined
  if (value !== undefined && orLiteral !== undefined) {
    const found = matrixValuesOr(matrix, orLiteral.path)
    if (found !== undefined) {
      const label = `${path} (${value.slice(0, 200)})`
      for (const item of found.nodes) imageAt(out, file, isMap(item) ? at(item, 'image') : item, label, field)
      // The literal is written in the expression: listed there, for the jobs without a value.
      if (found.fallback && orLiteral.fallback !== '')
        imageValue(out, file, node as YamlScalar, orLiteral.fallback, label)
      return
    }
  }
  const template = value?.includes('${{') ? matrixTemplate(value) : undefined
  if (value === undefined || !template) {
    imageAt(out, file, node, path, field)
    return
  }
  // `${{ matrix.a }}` alone stands for the matrix's nodes (strings or maps with an image); around text, strings.
  const reference = wholePath(template)
  const values = reference ? matrixValues(matrix, reference) : undefined
  const strings = reference ? undefined : matrixStrings(matrix, template)
  if (!values && !strings) {
    out.skipped.push({
      file,
      line: (node as YamlScalar).line,
      reason: 'unsupported',
      message: `${path} "${value.slice(0, 200)}" takes its value from the job's strategy.matrix, ${MATRIX_NOT_EXPANDED}`,
    })
    return
  }
  // A template's images are where the template is written; each is what one job of the matrix runs.
  for (const text of strings ?? [])
    if (text !== '') imageValue(out, file, node as YamlScalar, text, `${path} (${value.slice(0, 200)})`)
  for (const item of values ?? []) {
    const image = isMap(item) ? at(item, 'image') : item
    if (image === undefined || (isScalar(image) && (image.kind === 'null' || image.text === ''))) continue
    imageAt(out, file, image, `${path} (${value.slice(0, 200)})`, field)
  }
}

/** Who reads an image: an empty one is no container for a job, and refused for a service, a step or an action. */
type ImageField = 'job' | 'service' | 'step' | 'action'

function imageAt(out: Output, file: string, node: YamlNode | undefined, path: string, field: ImageField): void {
  if (node === undefined) return
  if (isScalar(node) && node.kind === 'string' && node.text === '') {
    if (field === 'service') out.errors.push(emptyImage(file, node, path))
    return
  }
  const value = stringValue(node)
  if (value === undefined) {
    out.errors.push(errorAt(file, node, 'invalid-workflow', `${path} must be a string`))
    return
  }
  const location = locationOf(file, node as YamlScalar)
  if (value.includes('${{')) {
    out.skipped.push(expressionSkip(location, path, value))
    return
  }
  imageValue(out, file, node, value, path)
}

/** An image reference (`docker://` allowed), listed at the node. */
function imageValue(out: Output, file: string, node: YamlNode, value: string, path: string): void {
  const location = locationOf(file, node as YamlScalar)
  const image = value.replace(/^docker:\/\//, '')
  if (image === '') {
    out.errors.push(emptyImage(file, node, path))
    return
  }
  const parsed = parseImageRef(image)
  if (parsed.ok) out.components.push(imageComponent(parsed.image, value, location, 'manifest'))
  else
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `${path}: invalid image reference "${image.slice(0, 200)}": ${parsed.message}`,
    })
}

function emptyImage(file: string, node: YamlNode, path: string) {
  return errorAt(file, node, 'invalid-workflow', `${path}: the image is empty, which GitHub refuses here`)
}

function expressionSkip(location: Location, path: string, value: string) {
  return {
    file: location.file,
    line: location.line,
    reason: 'unsupported' as const,
    message: `${path} "${value.slice(0, 200)}" holds a \${{ }} expression, known only when the workflow runs`,
  }
}
