import {describe, expect, it} from 'vitest'
import {otherRegistriesNotice} from './stats.js'

describe('otherRegistriesNotice', () => {
  it('is silent without other registries; names three at most, most packages first, and counts the rest', () => {
    expect(otherRegistriesNotice([])).toBeUndefined()
    expect(otherRegistriesNotice([{registry: 'https://npm.example.com', packages: 1}])).toBe(
      "not looked up by name, as from a registry other than their ecosystem's public one: 1 package (https://npm.example.com: 1). If a registry mirrors a public one, name it with --registry-mirror URL.",
    )
    const many = [
      {registry: 'https://a.example.com', packages: 1200},
      {registry: 'https://b.example.com', packages: 30},
      {registry: 'https://c.example.com', packages: 2},
      {registry: 'https://d.example.com', packages: 1},
      {registry: 'https://e.example.com', packages: 1},
    ]
    expect(otherRegistriesNotice(many)).toBe(
      "not looked up by name, as from a registry other than their ecosystem's public one: 1,234 packages (https://a.example.com: 1,200; https://b.example.com: 30; https://c.example.com: 2; 2 more). If a registry mirrors a public one, name it with --registry-mirror URL.",
    )
  })
})
