/**
 * How soon V8 optimises stewards' code, and how much it inlines, in the CLI's own process (issue #16). A run of
 * stewards is short and goes through many parsers once: V8's optimising compiler (TurboFan), which runs on background
 * threads, spent about 550 ms of CPU on the corpus inventory (`inventory --json ../shared/corpus`, Node 20, 190
 * optimisations, a fifth of them of code optimised before and thrown away when it met input it had not seen),
 * against about 150 ms for the bare parse. On two cores those threads take the CPU from the main thread: its own
 * CPU was 850 ms of a 1.27 s run. Tiering up later (a function must run longer before it is optimised, so it is
 * optimised once, on what it really sees) and inlining less (each optimisation compiles less) halve that work:
 * the corpus inventory about 100 ms less wall on Node 20 and 25–60 ms on Node 22 and 24, 20 % less CPU, and a
 * 100 MB package-lock.json no slower (README, Performance).
 *
 * How: `v8.setFlagsFromString`, as ./young-generation.ts does. These flags are read each time V8 decides to
 * optimise or compiles, so setting them before stewards' code runs takes effect for all of it. V8 prints an error
 * for a flag it does not know, and the tiering flags changed between V8 11 (Node 20: an interrupt budget in bytes
 * of bytecode run) and V8 12 (Node 22 and later: invocation counts), so the flags are chosen by V8's major version,
 * and a V8 these flags were not measured on is left as it is.
 *
 * Only where bin/run.js applies it (a program that imports stewards keeps V8's own policy), and never when the
 * user chose how V8 tiers or inlines (USER_TIERED, on node's command line, or in NODE_OPTIONS, which node lets hold
 * only a few V8 flags, `--jitless` among them): the user's choice wins. `DEBUG=stewards:start` prints what was set.
 * Written by hand: no library does this.
 */
import {setFlagsFromString} from 'node:v8'
import {namesFlag, nodeOptions} from './node-options.js'

/** V8's flags for each major version they were measured on: Node 20 (V8 11.3), 22 (12.4) and 24 (13.6). */
const FLAGS_BY_V8_MAJOR: ReadonlyMap<number, readonly string[]> = new Map([
  // Four times V8's 67,584 bytes of bytecode; half its 920 bytes of inlined bytecode per optimisation.
  [11, ['--interrupt-budget=270336', '--max-inlined-bytecode-size-cumulative=460']],
  // About three times V8's 3,000 calls before TurboFan (Maglev, the faster tier, as V8 has it); a quarter of its 920
  // bytes of inlined bytecode. Later still was slower on Node 22 (its code stays longer in Maglev).
  [12, ['--invocation-count-for-turbofan=10000', '--max-inlined-bytecode-size-cumulative=230']],
  // Node 24: ten times the calls before TurboFan and 2.5 times V8's 400 before Maglev (the corpus 40-60 ms less wall
  // than with Node 22's flags; the 100 MB lockfile no slower), a quarter of the inlined bytecode.
  [
    13,
    [
      '--invocation-count-for-turbofan=30000',
      '--invocation-count-for-maglev=1000',
      '--max-inlined-bytecode-size-cumulative=230',
    ],
  ],
])

/** V8 flags that choose when and how V8 optimises or inlines. */
const USER_TIERED =
  /--(?:no-)?(?:interrupt-budget|invocation-count-for|minimum-invocations|max-inlined-bytecode-size|turbo-inlining|maglev|turbofan|sparkplug|opt\b|always-|jitless|efficiency-mode|turbo-filter|max-lazy)/

/**
 * The flags to set for a V8 version (`process.versions.v8`) and node's options (its command line, NODE_OPTIONS):
 * none when the user tiers V8 themselves or the version was not measured.
 */
export function tieringFlags(v8Version: string, options: readonly string[]): readonly string[] {
  if (namesFlag(options, USER_TIERED)) return []
  return FLAGS_BY_V8_MAJOR.get(Number.parseInt(v8Version, 10)) ?? []
}

/** Sets the tiering flags in this process (bin/run.js, before the rest of stewards loads); returns them. */
export function tuneTiering(): readonly string[] {
  const flags = tieringFlags(process.versions.v8, nodeOptions())
  if (flags.length > 0) setFlagsFromString(flags.join(' '))
  return flags
}
