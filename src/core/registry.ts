/** A plug-in registry: an ordered, explicit list (no filesystem scanning at run time) with unique ids. */
export interface Plugin {
  id: string
}

export function defineRegistry<T extends Plugin>(kind: string, plugins: readonly T[]): readonly T[] {
  const seen = new Set<string>()
  for (const plugin of plugins) {
    if (seen.has(plugin.id)) throw new Error(`duplicate ${kind} id '${plugin.id}' in registry`)
    seen.add(plugin.id)
  }
  return Object.freeze([...plugins])
}
