/** Public API of the collect stage. */
export {collectProjects} from './collect.js'
export {resolveToken, resolveTokens} from './token.js'
export {resolveAuth} from './app-auth.js'
export {parseRepo, isValidLogin, isValidOwner, isValidRepoName} from '../core/repo-name.js'
export {GOVERNANCE_PATHS, EXTERNAL_GOVERNANCE} from './governance-files.js'
export type {CollectOptions, CollectRun, ProgressEvent, SourceId} from './types.js'
export {rateLimitNotice} from './cli-options.js'
export {checkApiUrl, collectNotice, hostsFor, NETWORK_HELP, pairGitDirs, showNotice} from './cli-options.js'
export {waitNotice, type WaitEvent} from './octokit/waits.js'
export {DEFAULT_MAX_COMMITS} from './sources/github/commits.js'
// The messages' writers too: tests of other stages build reasons as collect writes them.
export {
  cacheMissMessage,
  isRateLimitReason,
  isRecordedDataMiss,
  rateLimitMessage,
  snapshotMissMessage,
} from './miss-reason.js'
export {
  governanceOf,
  governanceProblems,
  type ProjectGovernance,
  parseGovernance,
  parseGovernanceFiles,
  readGovernanceDir,
  selectMaintainers,
  toRoleHolders,
} from './governance/index.js'
export {CollectConfig, type CollectFlagValues, collectFlags, collectOptionsFrom} from './flags.js'
export {type AffiliationFetchOptions, fetchAffiliationFiles} from './affiliation-files.js'
export {readSnapshot, type Snapshot, snapshotStore} from './sources/snapshot/read.js'
