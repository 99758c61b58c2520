/**
 * Holds V8's young generation at 8 MB a semi-space (HOLD_BYTES for both) once it has grown that far, in the CLI's own
 * process. Why: Node 24's V8 lets it grow to 32 MB a semi-space on the repository's corpus, and 64 MB on a 100 MB
 * lockfile (Node 20 and 22 stop at 16 MB). Every page of it is touched once (a page fault, about 12 µs on the bench
 * machine) and more survivors are copied: `inventory --json` of ../shared/corpus took 1.22-1.30 s on Node 24 and
 * 1.03-1.10 s held here (about 13,000 page faults fewer); Node 20 and 22 measured the same with 8 and 16 MB.
 *
 * How: the young generation's maximum cannot be changed once the heap exists (`--max-semi-space-size` set with
 * `v8.setFlagsFromString` is ignored then), but its growth factor is read each time it grows, so it is set to 1 while
 * the young generation is at HOLD_BYTES or more, and back to V8's 2 if V8 shrinks it below (a quiet stretch): a
 * cap, not a freeze. `holdYoungGeneration` is called between units of work: discover calls it between files, and the
 * JSON and XML readers every 4,096 entries they hand over (`holdingYoungGeneration`: a 100 MB package-lock.json is
 * one long parse: 508 MB peak RSS on Node 24 before, 369 MB held; a CycloneDX BOM of 200,000 components 586 MB, 467
 * MB held). Written by hand: no library does this.
 *
 * Only where bin/run.js allows it (a library user's process is left as it is), and never when the user chose the
 * young generation's size, directly or through the heap's (USER_SIZED, in NODE_OPTIONS or on node's command line).
 */
import {getHeapSpaceStatistics, setFlagsFromString} from 'node:v8'
import {namesFlag, nodeOptions} from './node-options.js'

/** Both semi-spaces of V8's new space (its `space_size`): 8 MB each. */
const HOLD_BYTES = 16 * 1024 * 1024

/** V8 flags that size the young generation. */
const USER_SIZED =
  /--(?:(?:min|max)-semi-space-size|semi-space-growth-factor|max-heap-size|single-generation|minor-ms)\b/

let allowed = false
let held = false

/** The CLI's process (bin/run.js) allows the hold, unless the user sized the young generation. */
export function allowYoungGenerationHold(): void {
  allowed = !sizedByUser(nodeOptions())
}

/** Whether node's options (its command line, NODE_OPTIONS) size the young generation. */
export function sizedByUser(options: readonly string[]): boolean {
  return namesFlag(options, USER_SIZED)
}

/** Calls of a holdingYoungGeneration callback between two holds. */
const HOLD_EVERY = 4096

/**
 * `callback`, holding the young generation every HOLD_EVERY calls: for a parser's hand-over callback (a lockfile's
 * entries, an SBOM's components), whose file is one long unit of work.
 */
export function holdingYoungGeneration<A extends unknown[], R>(callback: (...args: A) => R): (...args: A) => R {
  let calls = 0
  return (...args) => {
    if (++calls % HOLD_EVERY === 0) holdYoungGeneration()
    return callback(...args)
  }
}

/** At HOLD_BYTES or more, the young generation grows no further; below, it grows as V8 decides (where allowed). */
export function holdYoungGeneration(): void {
  if (!allowed) return
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
  if (newSpace === undefined) return
  const atHold = newSpace.space_size >= HOLD_BYTES
  if (atHold === held) return
  setFlagsFromString(`--semi-space-growth-factor=${atHold ? 1 : 2}`)
  held = atHold
}
