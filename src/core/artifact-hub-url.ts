/**
 * The resolve stage's one endpoint flag, declared once for the commands that resolve (`scan`, `inventory --resolve`;
 * here in core, like `--cache-url`, so `inventory` declares it without loading the resolve stage):
 * `--artifact-hub-url`, the base URL the artifact-hub resolver asks (a mirror, a self-hosted Artifact Hub, an
 * emulator). Only the user's command line or own settings file may set it: a `.stewards.yaml` inside a scanned
 * tree may not choose where the tree's chart repositories are sent (src/pipeline/config-trust.ts).
 */
import {Flags} from '@oclif/core'
import {checkBaseUrl} from './base-url.js'

export const DEFAULT_ARTIFACT_HUB_URL = 'https://artifacthub.io'

/** `--artifact-hub-url none`: Artifact Hub is never asked (the artifact-hub resolver is off for the run). */
export const ARTIFACT_HUB_OFF = 'none'

/** `--artifact-hub-url`; `dependsOn` for commands where it needs another flag (`inventory --resolve`). */
export function artifactHubFlag(dependsOn?: string[]) {
  return Flags.string({
    description: `Artifact Hub base URL, asked about public chart repositories the chart's own index leaves without a source (default ${DEFAULT_ARTIFACT_HUB_URL}; never with --offline); ${ARTIFACT_HUB_OFF}: never asked`,
    helpValue: 'URL',
    ...(dependsOn ? {dependsOn} : {}),
  })
}

/**
 * An http(s) URL without credentials, query or fragment, or `none`; a usage error otherwise (the URL never printed
 * with its secrets).
 */
export function checkArtifactHubUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === ARTIFACT_HUB_OFF) return value
  checkBaseUrl(value, '--artifact-hub-url', 'bad-artifact-hub-url', ARTIFACT_HUB_OFF)
  return value
}

/** `ResolveOptions.endpoints` for `--artifact-hub-url`. */
export function artifactHubEndpoints(artifactHubUrl: string | undefined): Record<string, string> | undefined {
  return artifactHubUrl ? {'artifact-hub': artifactHubUrl} : undefined
}
