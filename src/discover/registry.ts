import {defineRegistry} from '../core/registry.js'
import type {Discoverer} from './types.js'

/** One line per format; the folder under ./formats/ has the same name as the id. */
export const discoverers = defineRegistry<Discoverer>('discoverer', [])
