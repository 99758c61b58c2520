import {describe, expect, it} from 'vitest'
import {isComposeHead} from './head.js'

describe('isComposeHead', () => {
  it('takes a services: mapping, never a list, and a key only when a colon and a space or the end follow it', () => {
    expect(isComposeHead('services:\n  web:\n    image: nginx:1.27\n')).toBe(true)
    expect(isComposeHead('name: shop\nservices:\n  "web" :\n    image: nginx\n')).toBe(true)
    expect(isComposeHead('services:\n  web: {image: nginx}\n')).toBe(true)
    expect(isComposeHead('services:\n  - docker:dind\n')).toBe(false)
    expect(isComposeHead('services:\n  web:nginx\n')).toBe(false)
    expect(isComposeHead('apiVersion: v1\nkind: Pod\n')).toBe(false)
    // A directive, a document's end, an anchored services: and a top-level merge key are YAML Compose reads (review).
    expect(isComposeHead('%YAML 1.2\n---\nservices:\n  web:\n    image: nginx\n...\n')).toBe(true)
    expect(isComposeHead('x-base: &base\n  restart: always\nservices: &all\n  web:\n    <<: *base\n')).toBe(true)
    expect(isComposeHead('<<: *defaults\nservices:\n  web:\n    image: nginx\n')).toBe(true)
  })

  it('reads a long run of spaces after a service name in one pass (an expression backtracked on it: 64,000 took 13 s)', () => {
    expect(isComposeHead(`services:\n  a${' '.repeat(200_000)}b\n`)).toBe(false)
    expect(isComposeHead(`services:\n  "a${' '.repeat(200_000)}\n`)).toBe(false)
    expect(isComposeHead(`services:\n  a${' '.repeat(200_000)}:\n`)).toBe(true)
  })
})
