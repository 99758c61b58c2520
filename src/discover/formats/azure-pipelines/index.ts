/**
 * Azure Pipelines YAML (`azure-pipelines.yml` at any depth, `.azure-pipelines/*.yml`,
 * https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/): the container images a pipeline runs in.
 * - `resources.containers[].image`: each listed where written; its `container:` name is an alias.
 * - `container:` of the pipeline and of each job (`jobs:` at the top level or in `stages[].jobs`, deployments
 *   too), and the values of `services:`: an image name (a string, or `{image: ...}`), or the alias of a
 *   `resources.containers` entry, which is that container: not listed twice.
 * - `$(var)`, `${{ }}` and `$[ ]` expressions are known only when the pipeline runs: reported (`unsupported`).
 * - `pool.vmImage` is a Microsoft-hosted virtual machine, not a container: not listed. `template:` files are not
 *   followed: reported once per file.
 */
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'azure-pipelines',
  description: 'Azure Pipelines azure-pipelines.yml: container resources, job containers and services',
  matches: (file) => /(^|\/)azure-pipelines\.ya?ml$/.test(file) || /(^|\/)\.azure-pipelines\/[^/]+\.ya?ml$/.test(file),
  // No `identify`: `stages:`, `jobs:`, `steps:` heads are shared with other CI files.
  discover,
}

/** Nodes visited looking for `template:`: far above real pipelines, bounds a hostile one. */
const MAX_TEMPLATE_SCAN = 100_000
const EXPRESSION = /\$\(|\$\{\{|\$\[/

interface Place {
  out: Output
  file: string
  aliases: Set<string>
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'an Azure Pipelines file')) {
    const place: Place = {out, file: input.file, aliases: new Set()}
    resources(place, root)
    jobImages(place, root, '')
    jobsOf(place, root.entries.get('jobs'), 'jobs')
    const stages = root.entries.get('stages')
    if (isSeq(stages))
      stages.items.forEach((stage, i) => {
        if (isMap(stage)) jobsOf(place, stage.entries.get('jobs'), `stages[${i}].jobs`)
      })
    templateSkip(out, input.file, root)
  }
  return out
}

function resources(place: Place, root: YamlMap): void {
  const containers = at(root, 'resources', 'containers')
  if (containers === undefined || (isScalar(containers) && containers.kind === 'null')) return
  if (!isSeq(containers)) {
    place.out.errors.push(
      errorAt(
        place.file,
        containers,
        'invalid-entry',
        `resources.containers must be a list, not ${describe(containers)}`,
      ),
    )
    return
  }
  containers.items.forEach((entry, i) => {
    const path = `resources.containers[${i}]`
    if (!isMap(entry)) {
      place.out.errors.push(
        errorAt(place.file, entry, 'invalid-entry', `${path} must be a mapping, not ${describe(entry)}`),
      )
      return
    }
    const alias = stringValue(entry.entries.get('container'))
    if (alias !== undefined) place.aliases.add(alias)
    // `type: ACR` names a registry by subscription, resource group and repository: no image to list.
    if (entry.entries.has('image') || !entry.entries.has('type'))
      imageAt(place, entry.entries.get('image'), `${path}.image`, entry)
  })
}

function at(node: YamlMap, ...keys: string[]): YamlNode | undefined {
  let current: YamlNode | undefined = node
  for (const key of keys) current = isMap(current) ? current.entries.get(key) : undefined
  return current
}

function jobsOf(place: Place, jobs: YamlNode | undefined, path: string): void {
  if (!isSeq(jobs)) return
  jobs.items.forEach((job, i) => {
    if (isMap(job)) jobImages(place, job, `${path}[${i}].`)
  })
}

/** The `container` and `services` of the pipeline (prefix '') or of a job. */
function jobImages(place: Place, holder: YamlMap, prefix: string): void {
  const container = holder.entries.get('container')
  if (container !== undefined) containerAt(place, container, `${prefix}container`)
  const services = holder.entries.get('services')
  if (services === undefined || (isScalar(services) && services.kind === 'null')) return
  if (!isMap(services)) {
    if (isScalar(services) && EXPRESSION.test(services.text)) containerAt(place, services, `${prefix}services`)
    else
      place.out.errors.push(
        errorAt(
          place.file,
          services,
          'invalid-entry',
          `${prefix}services must be a mapping, not ${describe(services)}`,
        ),
      )
    return
  }
  for (const [name, service] of services.entries) containerAt(place, service, `${prefix}services.${name}`)
}

/** A container reference: the alias of a resource (listed there), an image name, or `{image: ...}`. */
function containerAt(place: Place, node: YamlNode, path: string): void {
  if (isScalar(node) && node.kind === 'null') return
  if (isMap(node)) {
    imageAt(place, node.entries.get('image'), `${path}.image`, node)
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

/** The first `template:` of the document (extends, stages, jobs, steps, variables): one skip, templates not followed. */
function templateSkip(out: Output, file: string, root: YamlNode): void {
  const stack: YamlNode[] = [root]
  let count = 0
  let first: {line: number; name: string} | undefined
  let templates = 0
  while (stack.length > 0 && count++ < MAX_TEMPLATE_SCAN) {
    const node = stack.pop() as YamlNode
    if (isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i])
    else if (isMap(node)) {
      const template = node.entries.get('template')
      if (template !== undefined) {
        templates++
        if (first === undefined || template.line < first.line)
          first = {line: template.line, name: stringValue(template)?.slice(0, 200) ?? describe(template)}
      }
      for (const value of [...node.entries.values()].reverse()) if (value !== template) stack.push(value)
    }
  }
  if (first === undefined) return
  out.skipped.push({
    file,
    line: first.line,
    reason: 'unsupported',
    message: `${templates} template reference${templates === 1 ? '' : 's'} (first: ${first.name}): templates are not followed; the containers they declare are not listed`,
  })
}
