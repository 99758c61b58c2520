/**
 * Preloaded into the built CLI (`node --import`): prints the size of V8's young generation (both semi-spaces of
 * its new space) when the process exits, on stderr as `new-space: BYTES`, for tests/e2e/process.test.ts.
 */
import {getHeapSpaceStatistics} from 'node:v8'

process.on('exit', () => {
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
  process.stderr.write(`new-space: ${newSpace?.space_size}\n`)
})
