/** A collected project with nothing in it, and the evidence of one: the starting point of the attribution source tests. */
import type {CollectedProject} from '../../core/model.js'
import type {ProjectEvidence} from '../types.js'

export function emptyProject(fields: Partial<CollectedProject> = {}): CollectedProject {
  return {
    repo: 'x',
    source: 'snapshot',
    status: 'ok',
    window: {since: '', until: ''},
    commits: [],
    governance: [],
    profiles: {},
    ...fields,
  }
}

export function emptyEvidence(fields: Partial<ProjectEvidence> = {}): ProjectEvidence {
  return {project: emptyProject(), roles: [], signed: new Map(), declaredEmployers: new Map(), ...fields}
}
