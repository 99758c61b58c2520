import type {CollectedProject, Window} from '../core/model.js'

/** A part of a project that can fail to be read: `CollectedProject.missing`. */
export type DataPart = NonNullable<CollectedProject['missing']>[number]

/** In the order they are collected: `missing` lists them in this order (same input, same bytes). */
export const DATA_PARTS: readonly DataPart[] = ['facts', 'commits', 'governance', 'profiles']

/** Records parts that could not be read; metrics built on them become unknown, never "absent". */
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
