/**
 * Holds V8's young generation at HOLD_BYTES (8 MB a semi-space) once it has grown that far, in the CLI's own
 * process. Why: Node 24's V8 lets it grow to 32 MB a semi-space on the repository's corpus, and 64 MB on a 100 MB
 * lockfile (Node 20 and 22 stop at 16 MB). Every page of it is touched once (a page fault, about 12 µs on the bench
 * machine) and more survivors are copied: `inventory --json` of ../shared/corpus took 1.22-1.30 s on Node 24 and
 * 1.03-1.10 s held here (about 13,000 page faults fewer); Node 20 and 22 measured the same with 8 and 16 MB.
 *
 * How: the young generation's maximum cannot be changed once the heap exists (`--max-semi-space-size` set with
 * `v8.setFlagsFromString` is ignored then), but its growth factor is read each time it grows, so it is set to 1 once
 * the young generation has reached HOLD_BYTES. `holdYoungGeneration` is called between units of work (discover:
 * between files); a single large file grows it as V8 decides. Written by hand: no library does this.
 *
 * Only where bin/run.js allows it (a library user's process is left as it is), and never when the user chose the
 * young generation's size (`--max-semi-space-size` and the like in NODE_OPTIONS or on node's command line).
 */
import {getHeapSpaceStatistics, setFlagsFromString} from 'node:v8'

/** Both semi-spaces of V8's new space (its `space_size`): 8 MB each. */
export const HOLD_BYTES = 16 * 1024 * 1024

let allowed = false
let held = false

/** The CLI's process (bin/run.js) allows the hold, unless the user sized the young generation. */
export function allowYoungGenerationHold(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): void {
  allowed = ![...execArgv, nodeOptions].some((option) => /semi-space/.test(option))
}

/** Once the young generation has grown to HOLD_BYTES, it grows no further (where allowed). */
export function holdYoungGeneration(): void {
  if (!allowed || held) return
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
  if (newSpace === undefined || newSpace.space_size < HOLD_BYTES) return
  setFlagsFromString('--semi-space-growth-factor=1')
  held = true
}
