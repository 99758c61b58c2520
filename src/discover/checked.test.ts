import {afterEach, describe, expect, it} from 'vitest'
import {registeredDiscoverer} from '../../tests/support/registered.js'
import type {DiscoverOutput} from './types.js'
import {check, checkValue, discoverChecked, forgetSchemas, loadSchemas, schemasLoaded} from './checked.js'

const CargoPackage = check('cargo-lock/CargoPackage')
const noFiles = {readText: () => null}

describe('checked values', () => {
  afterEach(loadSchemas)

  it('accepts a plainly valid value without zod, as the data itself', () => {
    forgetSchemas()
    const value = {name: 'serde', version: '1.0.0'}
    const result = checkValue(CargoPackage, value)
    expect(result).toEqual({success: true, data: value})
    expect((result as {data: unknown}).data).toBe(value)
    expect(schemasLoaded()).toBe(false)
  })

  it("gives zod's own result and messages for a value its plan refuses", async () => {
    await loadSchemas()
    const result = checkValue(CargoPackage, {name: 1, version: '1.0.0'})
    expect(result.success).toBe(false)
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'name: Invalid input: expected string, received number',
    ])
  })

  it('runs a format again once zod is loaded, with the result it has with zod loaded from the start', async () => {
    const cargo = registeredDiscoverer('cargo-lock')
    const input = {file: 'Cargo.lock', text: 'version = 3\n\n[[package]]\nname = 1\nversion = "1.0.0"\n'}
    await loadSchemas()
    const loaded = cargo.discover(input, noFiles) as DiscoverOutput
    expect(loaded.errors?.[0]?.message).toBe('[[package]] #1: name is a number, not a string')
    forgetSchemas()
    expect(await discoverChecked(cargo, input, noFiles)).toEqual(loaded)
    expect(schemasLoaded()).toBe(true)
    // Valid input never needs zod, and is answered at once.
    forgetSchemas()
    const valid = cargo.discover(
      {file: 'Cargo.lock', text: 'version = 3\n\n[[package]]\nname = "serde"\nversion = "1.0.0"\n'},
      noFiles,
    )
    expect(valid).not.toBeInstanceOf(Promise)
    expect((valid as DiscoverOutput).components.map((c) => c.name)).toEqual(['serde'])
    expect(schemasLoaded()).toBe(false)
  })

  it('passes on other errors, and refuses an id without a plan', async () => {
    const boom = {
      ...registeredDiscoverer('cargo-lock'),
      discover: () => {
        throw new TypeError('boom')
      },
    }
    await expect(discoverChecked(boom, {file: 'x', text: ''}, noFiles)).rejects.toThrow('boom')
    expect(() => check('cargo-lock/Nothing' as 'cargo-lock/CargoPackage')).toThrow(
      /no plan for the discover schema cargo-lock\/Nothing/,
    )
  })
})
