/**
 * Which YAML file is read by which format. A file of another format, or tool configuration that may use
 * tags of its own (mkdocs' `!!python/name:`), is not a Kubernetes manifest and must not fail a scan.
 */
import {posix} from 'node:path'

const KUSTOMIZATION = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization'])
const HELM_CHART = new Set(['Chart.yaml', 'Chart.lock', 'requirements.yaml', 'requirements.lock'])
/** `values.yaml`, `values-prod.yaml`, `values.dev.yml`. */
const HELM_VALUES = /^values(?:[-.][^/]*)?\.ya?ml$/

const NOT_MANIFESTS = new Set([
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.yarnrc.yml',
  'mkdocs.yml',
  'mkdocs.yaml',
  '.gitlab-ci.yml',
  '.travis.yml',
  'appveyor.yml',
  '.pre-commit-config.yaml',
  '.pre-commit-hooks.yaml',
  '.golangci.yml',
  '.golangci.yaml',
  'codecov.yml',
  '.codecov.yml',
  '.readthedocs.yaml',
  '.readthedocs.yml',
  'dependabot.yml',
  '.goreleaser.yml',
  '.goreleaser.yaml',
  'environment.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yml',
  'compose.yaml',
])

export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION.has(posix.basename(file))
}

export function isHelmChartFile(file: string): boolean {
  return HELM_CHART.has(posix.basename(file))
}

export function isHelmValuesFile(file: string): boolean {
  return HELM_VALUES.test(posix.basename(file))
}

/** A `.yaml`/`.yml` file that no other format reads and that is not known tool configuration. */
export function isManifestCandidate(file: string): boolean {
  const base = posix.basename(file)
  if (!/\.ya?ml$/i.test(base)) return false
  if (isKustomizationFile(file) || isHelmChartFile(file) || isHelmValuesFile(file)) return false
  if (NOT_MANIFESTS.has(base.toLowerCase()) || /^docker-compose[.-].*\.ya?ml$/i.test(base)) return false
  // CI definitions
  return !/(^|\/)(\.github\/(workflows|actions)|\.circleci)\//.test(file)
}
