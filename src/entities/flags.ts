import {Flags} from '@oclif/core'

/** Flags shared by the `entities` commands: which organisation data to load. */
export const entityFlags = {
  entities: Flags.string({
    description: 'Directory of extra organisation data (YAML), loaded after the shipped rules/entities/. Repeatable.',
    multiple: true,
    helpValue: 'DIR',
  }),
  shipped: Flags.boolean({
    description: 'Load the organisation data shipped with stewards (--no-shipped: only --entities).',
    default: true,
    allowNo: true,
  }),
}
