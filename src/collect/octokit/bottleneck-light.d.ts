/** Bottleneck's light build (no Redis clustering), the one the octokit plug-ins import: the same API as its main entry. */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
