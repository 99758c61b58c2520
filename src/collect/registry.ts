import {defineRegistry} from '../core/registry.js'
import {source as git} from './sources/git/index.js'
import {source as github} from './sources/github/index.js'
import {source as snapshot} from './sources/snapshot/index.js'
import type {Source} from './types.js'

/** One line per source; the folder under ./sources/ has the same name as the id. */
export const sources = defineRegistry<Source>('source', [github, git, snapshot])
