/**
 * What bin/run.js starts the built CLI with: oclif's `execute`, from the same copy of @oclif/core as the commands.
 * The build bundles @oclif/core into dist/ (scripts/bundle.mjs), so it must be imported from here, not from
 * node_modules: a second copy would load some 160 modules again.
 */
export {execute} from '@oclif/core'

/** Resolves when stdout or stderr has drained (core/chunks.ts). */
export {drained} from './chunks.js'

/** bin/run.js lets discovery hold V8's young generation at 8 MB a semi-space (core/young-generation.ts). */
export {allowYoungGenerationHold} from './young-generation.js'
