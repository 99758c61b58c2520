import {Flags} from '@oclif/core'

/**
 * Flags of `scan` and `people` that feed and tune attribution (README "How people are attributed"): declared once
 * here, so the two commands take the same evidence files in the same words.
 */
export const attributionFlags = {
  affiliations: Flags.string({
    description:
      'cncf/gitdm developers_affiliations file (read in gitdm order), or cncf-gitdm for the CNCF files `stewards affiliations update` cached; repeatable',
    multiple: true,
    helpValue: 'FILE',
  }),
  companies: Flags.string({description: 'cncf/gitdm companies.yaml (acquisition renames)', helpValue: 'FILE'}),
  overrides: Flags.string({
    description: 'your affiliations.yaml: login or email → organisation, with dates',
    helpValue: 'FILE',
  }),
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
