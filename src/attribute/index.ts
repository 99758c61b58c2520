/** Attribution stage: people to organisations from explicit evidence (see README.md). */
export {attributeProject} from './attribute-project.js'
export {type AttributionOptions, attributionErrors, loadAttributionContext} from './context.js'
export {sources} from './registry.js'
export type {AttributionContext, EntityLookup, EvidenceSourcePlugin, Subject} from './types.js'
export {readCommitsFile} from './offline-input.js'
export {buildPeopleReport, formatPeopleText, type PeopleReport} from './people.js'
