/** The resolve stage: components → upstream repositories. The lead wires `resolveComponents` into commands. */
export {resolveComponents} from './engine.js'
export {formatResolutionTable, otherRegistriesNotice} from './stats.js'
export {normaliseRepoUrl, type RepoRef} from '../core/repo-url.js'
export {resolvers} from './registry.js'
export type {EcosystemStats, MissReason, ResolveOptions, ResolveRun, ResolveStats, Resolver} from './types.js'
