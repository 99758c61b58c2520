import {describe, expect, it} from 'vitest'
import {pkg, resolveOffline, summarise} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

describe('swiftpm (no registry)', () => {
  it('maps source-control pins to their repository offline; registry pins are unsupported', async () => {
    const run = await resolveOffline(
      [
        pkg('swift', 'github.com/apple/swift-nio', '2.64.0'),
        pkg('swift', 'gitlab.com/example-group/sub/forked', '1.0.0'),
        pkg('swift', 'example.swift-tool', '1.2.3'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'github.com/apple/swift-nio@2.64.0': 'github.com/apple/swift-nio high swiftpm',
      'gitlab.com/example-group/sub/forked@1.0.0': 'gitlab.com/example-group/sub/forked high swiftpm',
      'example.swift-tool@1.2.3': 'unresolved: unsupported',
    })
    expect(run.incomplete).toBe(false)
  })
})
