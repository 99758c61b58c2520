/** What the scan could not read, as SARIF tool notifications (shown by viewers, not as alerts). */
import type {Notification} from 'sarif'
import type {ScanResult} from '../../../core/model.js'
import {uniqueLocations} from '../../shared/order.js'
import {physicalLocation} from './results.js'

/** Per kind (errors, skipped files, unresolved components): enough to act on, bounded for huge scans. */
export const MAX_NOTIFICATIONS_PER_KIND = 1000

function bounded(notes: Notification[], kind: string): Notification[] {
  if (notes.length <= MAX_NOTIFICATIONS_PER_KIND) return notes
  const more = notes.length - MAX_NOTIFICATIONS_PER_KIND
  return [
    ...notes.slice(0, MAX_NOTIFICATIONS_PER_KIND),
    {level: 'note', message: {text: `${more} more ${kind} are in the JSON report.`}},
  ]
}

export function scanNotifications(result: ScanResult): Notification[] {
  const errors: Notification[] = []
  const skipped: Notification[] = []
  const unresolved: Notification[] = []
  for (const error of result.errors) {
    errors.push({
      level: 'error',
      message: {text: `${error.file}: ${error.message} [${error.code}]`},
      locations: [physicalLocation(error)],
    })
  }
  for (const skip of result.skipped) {
    skipped.push({
      level: 'note',
      message: {text: `${skip.file} skipped (${skip.reason}): ${skip.message}`},
      locations: [physicalLocation(skip)],
    })
  }
  for (const u of result.unresolved) {
    const where = uniqueLocations(u.component.locations)
    unresolved.push({
      level: 'warning',
      message: {text: `${u.component.ref}: no upstream repository found (${u.detail ?? u.reason})`},
      ...(where.length > 0 ? {locations: [physicalLocation(where[0])]} : {}),
    })
  }
  return [
    ...bounded(errors, 'errors'),
    ...bounded(skipped, 'skipped files'),
    ...bounded(unresolved, 'unresolved components'),
  ]
}
