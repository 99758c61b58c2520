/**
 * Run before every test file: the discover stage's zod schemas loaded, as after a first value that needed them
 * (src/discover/checked.ts). Tests call a format's `discover` directly and read its result at
 * once; the path where zod is not loaded yet is tested on its own (src/discover/checked.test.ts,
 * tests/discover/without-zod.test.ts) and through the built CLI.
 */
import {loadSchemas} from '../../src/discover/checked.js'

await loadSchemas()
