/** The shared model: stages talk only through these types. */
export * from './model/component.js'
export * from './model/project.js'
export * from './model/attribution.js'
export * from './model/finding.js'
export * from './model/scan.js'
export * from './model/measurement.js'
export * from './model/waiver.js'
