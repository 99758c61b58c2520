import {createHash} from 'node:crypto'
import {usageError} from './errors.js'

/**
 * Sharded collection (`stewards collect --shard I/N`): a deterministic partition of repositories by a stable hash
 * of the repository, so N workers (a Kubernetes Indexed Job's pods, a GitHub Actions matrix) each collect their
 * share and together collect every repository exactly once. The hash is the first 8 bytes of SHA-256 of the
 * repository key in lower case (GitHub names are case-insensitive): the same on every machine, release and
 * Node version, and independent of the order the repositories are listed in.
 */
export interface Shard {
  /** 0-based index, as Kubernetes' JOB_COMPLETION_INDEX counts. */
  index: number
  count: number
}

const SHARD_PATTERN = /^(\d{1,5})\/(\d{1,5})$/

export function parseShard(text: string): Shard {
  const hint = 'give I/N with 0 <= I < N, e.g. --shard 0/4 (a Kubernetes Indexed Job: --shard $JOB_COMPLETION_INDEX/N)'
  const match = SHARD_PATTERN.exec(text.trim())
  if (!match) throw usageError('bad-shard', `--shard '${text.slice(0, 40)}' is not I/N`, hint)
  const [index, count] = [Number(match[1]), Number(match[2])]
  if (count < 1 || index >= count) throw usageError('bad-shard', `--shard ${index}/${count}: I must be below N`, hint)
  return {index, count}
}

/** The shard (0 … count-1) a repository belongs to. */
export function shardOf(repo: string, count: number): number {
  const digest = createHash('sha256').update(repo.toLowerCase()).digest()
  return Number(digest.readBigUInt64BE(0) % BigInt(count))
}

export function inShard(repo: string, shard: Shard): boolean {
  return shardOf(repo, shard.count) === shard.index
}
