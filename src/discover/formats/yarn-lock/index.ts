import type {Discoverer} from '../../types.js'
import {readBerryLockfile} from './berry.js'
import {readClassicLockfile} from './classic.js'
import {yarnrcRegistries} from '../../lockfile-support/npm-registries.js'

/** A top-level `__metadata:` key marks berry (yarn 2+); classic files never have it. */
function isBerry(text: string): boolean {
  return /^__metadata:/m.test(text)
}

export const discoverer: Discoverer = {
  id: 'yarn-lock',
  description: 'yarn.lock, classic (v1) and berry (yarn 2+)',
  matches(file) {
    return /(^|\/)yarn\.lock$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  // yarn classic writes this header; berry files start with __metadata.
  identify: (head) => head.includes('# yarn lockfile v1') || /^__metadata:\s*$/m.test(head),
  discover: ({file, text}, context) =>
    isBerry(text) ? readBerryLockfile(file, text, yarnrcRegistries(context, file)) : readClassicLockfile(file, text),
}
