/** saxes, the XML parser of the SBOM and Maven POM readers, loaded the first time a document needs it (core/lazy-require.ts). */
import {lazyRequire} from '../core/lazy-require.js'

export const saxes = lazyRequire<typeof import('saxes')>('saxes')
