/**
 * GitHub Actions workflows (`.github/workflows/*.yml`) and action metadata (`action.yml`, composite and Docker
 * actions): what they run from other repositories and registries
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax,
 * https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax).
 * - `jobs.*.steps[].uses` and composite `runs.steps[].uses`: `owner/repo[/path]@ref` is an action, listed as a
 *   `githubactions` package (name `owner/repo[/path]`, version the ref, purl `pkg:githubactions/owner/repo@ref#path`);
 *   `docker://IMAGE` is an image. Local actions (`./path`) are the repository's own code: not listed.
 * - `jobs.*.uses`: a reusable workflow `owner/repo/.github/workflows/FILE@ref`, listed the same way.
 * - `jobs.*.container` (a string or `{image}`), `jobs.*.services.*.image` and a Docker action's `runs.image:
 *   docker://IMAGE`: images. Values holding `${{ }}` expressions are skipped: they are known only at run time.
 */
import {PackageURL} from 'packageurl-js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Component, Location} from '../../../core/model.js'
import {isActionsFile} from '../../file-names.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isSeq, stringValue, type YamlNode, type YamlScalar} from '../../yaml-tree.js'

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

/** GitHub login (39 characters, letters, digits, inner hyphens) / repository name / optional path inside it. */
const USES = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})((?:\/[A-Za-z0-9._-]+)*)@([^\s@]{1,255})$/

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  out.errors.push(...yaml.errors)
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    const jobs = doc.root.entries.get('jobs')
    if (isMap(jobs)) {
      for (const [id, job] of jobs.entries) {
        usesAt(out, input.file, at(job, 'uses'), `jobs.${id}.uses`)
        steps(out, input.file, at(job, 'steps'), `jobs.${id}.steps`)
        const container = at(job, 'container')
        imageAt(out, input.file, isMap(container) ? at(container, 'image') : container, `jobs.${id}.container`)
        const services = at(job, 'services')
        if (isMap(services))
          for (const [name, service] of services.entries) {
            const image = isMap(service) ? at(service, 'image') : service
            imageAt(out, input.file, image, `jobs.${id}.services.${name}`)
          }
      }
    }
    const runs = doc.root.entries.get('runs')
    if (isMap(runs)) {
      steps(out, input.file, at(runs, 'steps'), 'runs.steps')
      const image = stringValue(at(runs, 'image'))
      if (image?.startsWith('docker://')) imageAt(out, input.file, at(runs, 'image'), 'runs.image')
    }
  }
  return out
}

function steps(out: Output, file: string, node: YamlNode | undefined, path: string): void {
  if (!isSeq(node)) return
  node.items.forEach((step, i) => {
    usesAt(out, file, at(step, 'uses'), `${path}[${i}].uses`)
  })
}

function usesAt(out: Output, file: string, node: YamlNode | undefined, path: string): void {
  if (node === undefined) return
  const value = stringValue(node)
  if (value === undefined) {
    out.errors.push(errorAt(file, node, 'invalid-workflow', `${path} must be a string`))
    return
  }
  if (value.startsWith('./') || value.startsWith('.\\')) return
  if (value.startsWith('docker://')) {
    imageAt(out, file, node, path)
    return
  }
  const location = locationOf(file, node as YamlScalar)
  if (value.includes('${{')) {
    out.skipped.push(expressionSkip(location, path, value))
    return
  }
  const match = USES.exec(value)
  if (!match) {
    out.errors.push({
      ...location,
      code: 'invalid-workflow',
      message: `${path}: "${value.slice(0, 200)}" is not owner/repo[/path]@ref, ./path or docker://image`,
    })
    return
  }
  const [, owner, repo, subpath, ref] = match
  out.components.push(actionComponent(owner, repo, subpath.slice(1), ref, value, location))
}

function actionComponent(
  owner: string,
  repo: string,
  subpath: string,
  ref: string,
  written: string,
  location: Location,
): Component {
  const purl = new PackageURL('githubactions', owner, repo, ref, undefined, subpath || undefined).toString()
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

function imageAt(out: Output, file: string, node: YamlNode | undefined, path: string): void {
  if (node === undefined) return
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
  const image = value.replace(/^docker:\/\//, '')
  const parsed = parseImageRef(image)
  if (parsed.ok) out.components.push(imageComponent(parsed.image, value, location, 'manifest'))
  else
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `${path}: invalid image reference "${image.slice(0, 200)}": ${parsed.message}`,
    })
}

function expressionSkip(location: Location, path: string, value: string) {
  return {
    file: location.file,
    line: location.line,
    reason: 'unsupported' as const,
    message: `${path} "${value.slice(0, 200)}" holds a \${{ }} expression, known only when the workflow runs`,
  }
}
