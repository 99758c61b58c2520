import {defineRegistry} from '../core/registry.js'
import {family as activity} from './metrics/activity/index.js'
import {family as busFactor} from './metrics/bus-factor/index.js'
import {family as jurisdiction} from './metrics/jurisdiction/index.js'
import {family as maintainers} from './metrics/maintainers/index.js'
import {family as organizations} from './metrics/organizations/index.js'
import {family as repository} from './metrics/repository/index.js'
import {family as volume} from './metrics/volume/index.js'
import type {MetricFamily} from './types.js'

/** One line per metric family; the folder under ./metrics/ has the same name as the id. */
export const metricFamilies = defineRegistry<MetricFamily>('metric family', [
  volume,
  organizations,
  busFactor,
  maintainers,
  jurisdiction,
  activity,
  repository,
])
