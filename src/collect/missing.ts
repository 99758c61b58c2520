import {type CollectedProject, DATA_PARTS, type DataPart, type Window} from '../core/model.js'

/** Records parts that could not be read, in the order of `DATA_PARTS` (same input, same bytes); metrics built on them become unknown, never "absent". */
export function addMissing(project: CollectedProject, ...parts: DataPart[]): void {
  const missing = new Set([...(project.missing ?? []), ...parts])
  project.missing = DATA_PARTS.filter((part) => missing.has(part))
}

/**
 * A project of which nothing could be read for a reason that says nothing about the project itself
 * (network, timeout, rate limit, offline cache miss): `partial` with every part missing, not
 * `unavailable`, which is kept for answers about the project (404, 451, private).
 */
export function unreadProject(
  repo: string,
  source: CollectedProject['source'],
  window: Window,
  reason: string,
): CollectedProject {
  return {
    repo,
    source,
    status: 'partial',
    reason,
    missing: [...DATA_PARTS],
    window,
    commits: [],
    governance: [],
    profiles: {},
  }
}
