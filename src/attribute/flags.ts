import {Flags} from '@oclif/core'

/** Flags of `scan` and `people` that tune attribution (README "How people are attributed"). */
export const attributionFlags = {
  bots: Flags.string({
    description:
      'Bot rules file (rules/bots/default.yaml format: bots, humans, disable), read after the shipped rules. Repeatable.',
    multiple: true,
    helpValue: 'FILE',
  }),
  'stale-after': Flags.integer({
    description:
      'Years after which a gitdm period with no end date is stale: ranked below fresher evidence (default 5)',
    min: 1,
    max: 100,
    helpValue: 'YEARS',
  }),
}
