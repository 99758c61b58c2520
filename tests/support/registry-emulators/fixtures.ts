import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Component, Ecosystem} from '../../../src/core/model.js'

/** Small builders for resolver tests: components as discovery would emit them. */

export function pkg(
  ecosystem: Ecosystem,
  name: string,
  version?: string,
  file = `lockfiles/${ecosystem}.lock`,
  line = 1,
): Component {
  return {
    kind: 'package',
    ecosystem,
    name,
    ...(version ? {version} : {}),
    ref: version ? `${name}@${version}` : name,
    locations: [{file, line, column: 1}],
  }
}

export function img(name: string, tag?: string, digest?: string, file = 'k8s/app.yaml', line = 1): Component {
  const ref = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
  return {
    kind: 'image',
    ecosystem: 'docker',
    name,
    ...(tag ? {version: tag} : {}),
    ...(digest ? {digest} : {}),
    ref,
    locations: [{file, line, column: 1}],
  }
}

export function tempCacheDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'stewards-resolve-'))
}

/** name → what happened: `repo[ (directory)] confidence provenance` or `unresolved: reason`. One line each, easy to compare exactly. */
export function summarise(run: {
  groups: Array<{
    repo: string
    components: Component[]
    resolutions?: Array<{directory?: string; confidence: string; provenance: string}>
  }>
  unresolved: Array<{component: Component; reason: string}>
}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const group of run.groups) {
    group.components.forEach((component, i) => {
      const r = group.resolutions![i]
      out[`${component.name}${component.version ? `@${component.version}` : ''}`] =
        `${group.repo}${r.directory ? ` (${r.directory})` : ''} ${r.confidence} ${r.provenance}`
    })
  }
  for (const u of run.unresolved)
    out[`${u.component.name}${u.component.version ? `@${u.component.version}` : ''}`] = `unresolved: ${u.reason}`
  return out
}
