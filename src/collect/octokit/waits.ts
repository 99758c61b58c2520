/**
 * Every wait a run spends on GitHub's accidents (secondary limits, abuse detection, 5xx, cut answers, resets,
 * timeouts, "202 computing") is booked here against one bound, and announced when it is long, so a nightly
 * job is never silent for minutes and never waits without end. Primary rate-limit resets are apart: they are
 * governed by `--on-rate-limit`.
 */
export type WaitReason = 'secondary-limit' | 'retry' | 'computing' | 'slow-answer'

export interface WaitEvent {
  reason: WaitReason
  /** `GET /repos/a/b` (relative to the API base; never a header). */
  request: string
  /** Why: `secondary rate limit`, `abuse detection`, `HTTP 502`, `connection reset`, `timed out`... */
  cause: string
  /** This wait (for `slow-answer`: how long the answer has taken so far), in seconds. */
  seconds: number
  /** Booked so far in the run, this wait included, and the bound, in seconds. */
  totalSeconds: number
  budgetSeconds: number
  /** The attempt about to be made, and the most there will be (retries). */
  attempt?: number
  attempts?: number
}

export class WaitBudget {
  private spentMs = 0

  constructor(
    readonly maxMs: number,
    /** Waits shorter than this are not announced (they are not "long"). */
    readonly announceAfterMs: number,
    private readonly onWait?: (event: WaitEvent) => void,
  ) {}

  get spent(): number {
    return this.spentMs
  }

  /** Books a wait; false when it would pass the bound (the caller gives up instead of waiting). */
  take(ms: number, event: Omit<WaitEvent, 'seconds' | 'totalSeconds' | 'budgetSeconds'>): boolean {
    if (this.spentMs + ms > this.maxMs) return false
    this.spentMs += ms
    if (ms >= this.announceAfterMs) this.onWait?.({...event, ...this.amounts(ms)})
    return true
  }

  /** An answer taking long: announced, not booked (the request's own timeout bounds it). */
  slow(ms: number, event: Omit<WaitEvent, 'reason' | 'seconds' | 'totalSeconds' | 'budgetSeconds'>): void {
    this.onWait?.({...event, reason: 'slow-answer', ...this.amounts(ms)})
  }

  /** Why a request gave up without waiting again, for its failure message. */
  exhausted(): string {
    return `gave up: the run has waited ${duration(this.spentMs)} for GitHub, its bound is ${duration(this.maxMs)}`
  }

  private amounts(ms: number) {
    return {
      seconds: round(ms / 1000),
      totalSeconds: round(this.spentMs / 1000),
      budgetSeconds: round(this.maxMs / 1000),
    }
  }
}

/** The line a command prints for a wait (one per wait without a terminal; the live line on one). */
export function waitNotice(event: WaitEvent): string {
  const total = `${duration(event.totalSeconds * 1000)} of at most ${duration(event.budgetSeconds * 1000)} waited in this run`
  const attempt = event.attempt && event.attempts ? `, attempt ${event.attempt} of ${event.attempts}` : ''
  switch (event.reason) {
    case 'secondary-limit':
      return `GitHub ${event.cause} on ${event.request}: waiting ${duration(event.seconds * 1000)} before asking again (${total})`
    case 'retry':
      return `${event.request}: ${event.cause}; asking GitHub again in ${duration(event.seconds * 1000)}${attempt} (${total})`
    case 'computing':
      return `GitHub is still computing ${event.request} (202): asking again in ${duration(event.seconds * 1000)}${attempt}`
    case 'slow-answer':
      return `still waiting for GitHub's answer to ${event.request} (${duration(event.seconds * 1000)} so far)`
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}

/** `45s`, `2m30s`, `1h5m`; below a second, milliseconds (tests wait in milliseconds). */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`
  return m % 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${Math.floor(m / 60)}h`
}
