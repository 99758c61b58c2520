/**
 * The Kubernetes part of ../shared/corpus: for every file, what we find equals EXPECTED.json, file by file.
 * Images: the distinct references as written (container fields and other image fields such as Prometheus
 * `spec.image` or Tekton steps), their normalisation, and the number of occurrences. Kustomizations: the
 * result of each `images:` override. Charts: the dependencies. Values: the composed image blocks.
 */
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component, Inventory, ScanError} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {readManifestImages} from '../../src/discover/k8s-images.js'
import {sharedDir} from '../support/cli.js'

const corpus = join(sharedDir, 'corpus')
const present = existsSync(join(corpus, 'EXPECTED.json'))
if (!present) console.warn(`SKIPPED: ${corpus}/EXPECTED.json is absent; the Kubernetes corpus test does not run`)

interface Expected {
  type: string
  resources_by_apiVersion_kind?: Record<string, number>
  image_occurrences?: number
  images?: string[]
  image_normalisation?: Record<string, string>
  images_invalid?: Record<string, unknown>
  other_image_fields?: Array<{value: string}>
  images_overrides?: Array<{result: string}>
  resources?: string[]
  dependencies?: Array<{name: string; version: string; repository: string}>
  image_blocks?: Array<{composed: string; composed_with_global_registry?: string}>
  composed_refs_distinct?: string[]
}

const expected: Record<string, Expected> = present
  ? JSON.parse(readFileSync(join(corpus, 'EXPECTED.json'), 'utf8'))
  : {}
const k8sFiles = Object.keys(expected).filter((file) => file.startsWith('k8s/'))

function images(inventory: Inventory): Component[] {
  return inventory.components.filter((c) => c.kind === 'image')
}

function normalised(c: Component): string {
  return c.name + (c.version ? `:${c.version}` : '') + (c.digest ? `@${c.digest}` : '')
}

const distinct = (values: string[]) => [...new Set(values)].sort()

/** The corpus' Kubernetes files as they are on disk, relative to the corpus like EXPECTED.json's keys. */
function k8sFilesOnDisk(): string[] {
  const dir = join(corpus, 'k8s')
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => relative(corpus, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
}

const IMAGE_ERROR_CODES = new Set(['invalid-image-ref', 'invalid-image-field'])

/** An error as `code ref` (the reference is quoted in the message, src/discover/output.ts), else with its message. */
function imageError(error: ScanError): string {
  const ref = /^invalid image reference "(.*)": /.exec(error.message)?.[1]
  return ref === undefined ? `${error.code} (no reference: ${error.message})` : `${error.code} ${ref}`
}

describe.skipIf(!present)('Kubernetes corpus (../shared/corpus/k8s) equals EXPECTED.json', () => {
  it('covers every Kubernetes file of the corpus: the 33 on disk are the 33 of EXPECTED.json', () => {
    expect(k8sFilesOnDisk()).toEqual([...k8sFiles].sort())
    expect(k8sFiles).toHaveLength(33)
  })

  /** The charts whose expected repository lost a trailing slash in the comparison (filled by the tests of each file). */
  const trimmedRepositories: string[] = []

  for (const file of k8sFiles) {
    const want = expected[file]
    it(`${file} (${want.type})`, async () => {
      const path = join(corpus, file)
      const inventory = await discoverPaths([path])
      // Invalid images are compared with EXPECTED.json's `images_invalid` (refs failing the grammar); no other error.
      const imageErrors = inventory.errors.filter((e) => IMAGE_ERROR_CODES.has(e.code))
      expect(imageErrors.map(imageError).sort()).toEqual(
        Object.keys(want.images_invalid ?? {})
          .map((ref) => `invalid-image-ref ${ref}`)
          .sort(),
      )
      expect(imageErrors.every((e) => e.file === path && e.line !== undefined)).toBe(true)
      expect(inventory.errors.filter((e) => !IMAGE_ERROR_CODES.has(e.code))).toEqual([])
      expect(inventory.files).toBe(1)
      const found = images(inventory)
      if (want.type === 'kubernetes-manifest') {
        const other = (want.other_image_fields ?? []).map((f) => f.value)
        expect(distinct(found.map((c) => c.ref))).toEqual(distinct([...(want.images ?? []), ...other]))
        for (const [ref, full] of Object.entries(want.image_normalisation ?? {})) {
          expect(found.filter((c) => c.ref === ref).map(normalised)).toEqual([full])
        }
        const occurrences = found.reduce((n, c) => n + c.locations.length, 0)
        expect(occurrences).toBe((want.image_occurrences ?? 0) + other.length)
        const resources = Object.values(want.resources_by_apiVersion_kind ?? {}).reduce((a, b) => a + b, 0)
        expect(readManifestImages(readFileSync(path, 'utf8'), file).resources).toBe(resources)
      } else if (want.type === 'kustomization') {
        expect(distinct(found.map((c) => c.ref))).toEqual(distinct((want.images_overrides ?? []).map((o) => o.result)))
        expect(found.every((c) => c.origin === 'kustomize')).toBe(true)
        // The corpus holds the kustomization alone: each local resource is reported as missing.
        expect(inventory.skipped.map((s) => s.reason)).toEqual((want.resources ?? []).map(() => 'missing-resource'))
      } else if (want.type === 'helm-chart' || want.type === 'helm-chart-lock') {
        const charts = inventory.components.filter((c) => c.kind === 'chart')
        const got = charts.map((c) => ({name: c.name, version: c.version, repository: c.repository}))
        const byName = (a: {name: string}, b: {name: string}) => (a.name < b.name ? -1 : 1)
        // The repository as Helm reaches it: a URL's trailing slash does not make another repository (the corpus
        // writes metrics-server's with one), so it is left out of the component (src/discover/output.ts).
        const asReached = (d: {name: string; version: string; repository: string}) => ({
          ...d,
          repository: /^(?:https?|oci):\/\/[^/]/i.test(d.repository) ? d.repository.replace(/\/+$/, '') : d.repository,
        })
        const wanted = want.dependencies ?? []
        trimmedRepositories.push(...wanted.filter((d) => asReached(d).repository !== d.repository).map((d) => d.name))
        expect(got.sort(byName)).toEqual(wanted.map(asReached).sort(byName))
        expect(found).toEqual([])
      } else if (want.type === 'helm-values') {
        expect(distinct(found.map((c) => c.ref))).toEqual(want.composed_refs_distinct)
        const blocks = want.image_blocks ?? []
        expect(distinct(found.map(normalised))).toEqual(
          distinct(blocks.map((b) => b.composed_with_global_registry ?? b.composed)),
        )
        expect(found.every((c) => c.origin === 'helm-values')).toBe(true)
      } else {
        throw new Error(`unknown corpus type ${want.type}`)
      }
    })
  }

  it('compares chart repositories as Helm reaches them: only metrics-server’s (Chart.yaml and Chart.lock) lost a slash', () => {
    expect(trimmedRepositories).toEqual(['metrics-server', 'metrics-server'])
  })

  it('the whole k8s directory: every file read, nothing unreadable, identical output on a second run', async () => {
    const dir = join(corpus, 'k8s')
    const first = await discoverPaths([dir])
    const invalid = k8sFiles.flatMap((file) =>
      Object.keys(expected[file].images_invalid ?? {}).map((ref) => `invalid-image-ref ${ref}`),
    )
    expect(first.errors.map(imageError).sort()).toEqual(invalid.sort())
    expect(first.files).toBe(33)
    const second = await discoverPaths([dir])
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
  })
})
