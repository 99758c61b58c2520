/**
 * The GitHub emulator in a process of its own, so a bench measures the collector's CPU without the server's:
 * `tsx bench/github-emulator-process.ts ROOT TOKEN` prints the URL on its first line and serves until stdin closes.
 */
import {startGithubEmulator} from '../tests/support/github-emulator/index.js'

const [root, token] = process.argv.slice(2)
const emulator = await startGithubEmulator({roots: [root], token, fullPayloads: true})
process.stdout.write(`${emulator.url}\n`)
process.stdin.resume()
process.stdin.on('end', () => {
  void emulator.close().then(() => process.exit(0))
})
