import type {Component} from '../core/model.js'
import {compare} from '../core/compare.js'

/** Deterministic orderings shared by the stage (same inputs, same bytes). */
export function compareComponents(a: Component, b: Component): number {
  return (
    compare(a.ecosystem, b.ecosystem) ||
    compare(a.name, b.name) ||
    compare(a.version ?? '', b.version ?? '') ||
    compare(a.digest ?? '', b.digest ?? '') ||
    compare(a.ref, b.ref) ||
    compare(a.scope ?? '', b.scope ?? '') ||
    compare(JSON.stringify(a.locations), JSON.stringify(b.locations))
  )
}
