import {stringify} from 'yaml'
import type {CslImport, NearMatch, ProposedMembership} from './match.js'

/**
 * The import as a reviewable entities file: `memberships:` holds the exact matches (valid input
 * for `--entities DIR` once reviewed); what is already recorded and the near-matches are comments,
 * near-matches written as commented-out entries a reviewer can accept by uncommenting.
 */
export function renderImportYaml(result: CslImport): string {
  const lines = [
    '# Proposed list memberships from the US Consolidated Screening List (stewards entities import-csl).',
    `# Read from ${oneLine(result.file)} (${result.format}, ${result.records} records); cited as ${result.source}.`,
    '# Matching is exact on the normalised name or alias (src/attribute/entities/normalize.ts); nothing else is applied.',
    '# Review every entry, then keep this file in a directory passed with --entities to apply it.',
    `# ${summary(result)}`,
  ]
  if (result.problems.length > 0) {
    lines.push('#', '# Records that could not be read:', ...result.problems.map((problem) => `#   ${oneLine(problem)}`))
  }
  if (result.warnings.length > 0) {
    lines.push(
      '#',
      '# Dates that could not be read (the entries below are written without them):',
      ...result.warnings.map((warning) => `#   ${oneLine(warning)}`),
    )
  }
  if (result.add.length === 0) lines.push('memberships: []')
  else {
    lines.push('memberships:')
    for (const membership of result.add) {
      lines.push(
        `  # exact: CSL name ${quote(membership.matched.csl_name)} = ${quote(membership.matched.alias)} of ${membership.organization}`,
      )
      lines.push(...entry(membership).map((line) => `  ${line}`))
    }
  }
  if (result.alreadyRecorded.length > 0) {
    lines.push('', '# Already recorded (not repeated):')
    for (const recorded of result.alreadyRecorded) {
      lines.push(
        `#   ${recorded.organization} on ${recorded.list}: recorded since ${recorded.recorded_since ?? 'undated'}; ` +
          `CSL record ${oneLine(recorded.csl_id)} gives ${recorded.since ?? 'no start date'}`,
      )
    }
  }
  if (result.nearMatches.length > 0) {
    lines.push(
      '',
      '# Near-matches: NOT applied. The names share words but are not equal. Accept one only after checking',
      '# that the listed party is this organisation: uncomment it under memberships (or add the alias and re-run).',
    )
    for (const near of result.nearMatches) {
      lines.push(
        `#   # near: CSL name ${quote(near.csl_name)} ~ ${quote(near.alias)}; shared words: ${near.shared_words.join(', ')}`,
      )
      if (near.affiliate_of) lines.push(`#   # an affiliate of ${quote(near.affiliate_of)}, listed on its own`)
      lines.push(...entry(near).map((line) => `#   ${line}`))
    }
  }
  return `${lines.join('\n')}\n`
}

function summary(result: CslImport): string {
  const skipped = Object.entries(result.skipped)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, count]) => `${count} ${reason}`)
  return [
    `New memberships: ${result.add.length}; already recorded: ${result.alreadyRecorded.length}; near-matches: ${result.nearMatches.length}`,
    `skipped: ${skipped.length > 0 ? skipped.join(', ') : 'none'}`,
    `unreadable: ${result.problems.length}.`,
  ].join('; ')
}

/** A membership entry as YAML lines (`- organization: ...`), in the order of the entity-file schema. */
function entry(membership: ProposedMembership | NearMatch): string[] {
  const value = {
    organization: membership.organization,
    list: membership.list,
    since: membership.since,
    ...(membership.until ? {until: membership.until} : {}),
    listed_name: membership.listed_name,
    ...(membership.federal_register ? {federal_register: membership.federal_register} : {}),
    csl_id: membership.csl_id,
    ...(membership.note ? {note: membership.note} : {}),
    source: membership.source,
  }
  return stringify([value], {lineWidth: 0, singleQuote: true}).trimEnd().split('\n')
}

function quote(text: string): string {
  return JSON.stringify(oneLine(text))
}

/** Text from the CSL goes into comments: no line breaks or control characters may escape them. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, ' ')
}
