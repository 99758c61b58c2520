/** Public API of the collect stage. */
export {collectProjects} from './collect.js'
export {resolveToken} from './token.js'
export {parseRepo, isValidLogin, isValidOwner, isValidRepoName} from '../core/repo-name.js'
export {GOVERNANCE_PATHS, EXTERNAL_GOVERNANCE} from './governance-files.js'
export type {CollectOptions, CollectRun, ProgressEvent, SourceId} from './types.js'
export {rateLimitNotice} from './cli-options.js'
export {checkApiUrl, hostsFor, pairGitDirs} from './cli-options.js'
export {
  parseGovernance,
  parseGovernanceFiles,
  readGovernanceDir,
  selectMaintainers,
  toRoleHolders,
} from './governance/index.js'
export {CollectConfig, type CollectFlagValues, collectFlags, collectOptionsFrom} from './flags.js'
