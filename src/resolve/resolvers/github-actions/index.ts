import type {Component} from '../../../core/model.js'
import type {Outcome, Resolver} from '../../types.js'

/** owner/repo[/path], as the github-actions discover format writes the name. */
const NAME = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})((?:\/[A-Za-z0-9._-]+)*)$/

/**
 * GitHub Actions and reusable workflows name their repository: `uses: owner/repo/path@ref` runs the code of
 * github.com/owner/repo at `ref` (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsuses).
 * No registry is asked; the path inside the repository is the directory.
 */
export const resolver: Resolver = {
  id: 'github-actions',
  description: 'GitHub Actions and reusable workflows: owner/repo[/path] is the repository (no registry)',
  provenance: 'github-actions',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'githubactions',
  resolve: async (components) => components.map(resolveOne),
}

function resolveOne(component: Component): Outcome {
  const match = NAME.exec(component.name)
  if (!match) return {status: 'miss', reason: 'invalid-name', detail: `not owner/repo[/path]: ${component.name}`}
  const [, owner, repo, path] = match
  return {
    status: 'resolved',
    repo: `github.com/${owner}/${repo}`,
    ...(path ? {directory: path.slice(1)} : {}),
    confidence: 'high',
    evidence: `uses: ${component.ref}`,
  }
}
