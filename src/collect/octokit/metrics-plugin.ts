import type {Octokit, OctokitOptions} from '@octokit/core'
import {requireOptions} from './options.js'

/**
 * Counts every request that reaches the network, by status (retries, redirects and 304s included).
 * Registered first, so it wraps the transport itself: everything else sits outside it.
 */
export function metricsPlugin(octokit: Octokit, octokitOptions: OctokitOptions): void {
  const {stats} = requireOptions(octokitOptions)
  octokit.hook.wrap('request', async (request, options) => {
    stats.total++
    try {
      const response = await request(options)
      count(stats.byStatus, String(response.status))
      return response
    } catch (error) {
      const {status, response} = error as {status?: number; response?: unknown}
      // No response: the request never got an answer (octokit still says 500); counted as an error.
      count(stats.byStatus, typeof status === 'number' && status > 0 && response ? String(status) : 'error')
      throw error
    }
  })
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1
}
