import {createHash} from 'node:crypto'

/** Answers the emulator can give instead of the real one (GitHub's documented failure shapes). */
export type FaultKind =
  | 'rate-limit' // 403, x-ratelimit-remaining: 0, x-ratelimit-reset
  | 'secondary-limit' // 403 "You have exceeded a secondary rate limit", retry-after
  | 'server-error' // 502/503 bursts
  | 'truncated' // 200 whose body stops half-way (connection cut)
  | 'accepted' // 202 {} (statistics being computed)
  | 'no-content' // 204
  | 'moved' // 301 to `location`
  | 'unauthorized' // 401 Bad credentials
  | 'not-found' // 404
  | 'legal' // 451 repository access blocked
  | 'empty' // 409 Git Repository is empty
  | 'too-large' // 403 "list is too large"
  | 'slow' // answers after `delayMs`

export interface FaultRule {
  kind: FaultKind
  /** Matched against `METHOD /path?query` (prefix `/api/v3` removed). */
  match?: RegExp
  /** How many matching requests get the fault; unlimited when absent. */
  times?: number
  resetSeconds?: number
  retryAfter?: number
  delayMs?: number
  location?: string
}

export interface FaultOptions {
  faults?: FaultRule[]
  /** Share of requests (0-1) answered with one of `faultKinds`, chosen by a seeded hash. */
  faultRatio?: number
  faultKinds?: FaultKind[]
  seed?: number
}

/**
 * Decides, per request, whether to answer with a fault. Ratio faults hash (seed, request line, n-th time
 * this line was asked): the same seed gives the same faults whatever order concurrent requests arrive in.
 */
export class FaultPlan {
  private readonly rules: Array<FaultRule & {used: number}>
  private readonly seen = new Map<string, number>()

  constructor(private readonly options: FaultOptions) {
    this.rules = (options.faults ?? []).map((r) => ({...r, used: 0}))
  }

  pick(line: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.match && !rule.match.test(line)) continue
      if (rule.times !== undefined && rule.used >= rule.times) continue
      rule.used++
      return rule
    }
    const ratio = this.options.faultRatio ?? 0
    const kinds = this.options.faultKinds ?? []
    if (ratio <= 0 || kinds.length === 0) return null
    const n = (this.seen.get(line) ?? 0) + 1
    this.seen.set(line, n)
    const digest = createHash('sha256')
      .update(`${this.options.seed ?? 0}\n${line}\n${n}`)
      .digest()
    if (digest.readUInt32BE(0) / 0x1_0000_0000 >= ratio) return null
    return {kind: kinds[digest.readUInt32BE(4) % kinds.length], retryAfter: 1, resetSeconds: 1}
  }
}
