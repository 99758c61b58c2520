// Preloaded into a measured child (`node --import ./bench/cpu-usage.mjs ...`): at exit it writes the whole
// process's CPU time and peak RSS as JSON to file descriptor 3, which the bench opened as a pipe.
import {writeSync} from 'node:fs'

process.on('exit', () => {
  const usage = process.resourceUsage()
  try {
    writeSync(3, JSON.stringify({cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS}))
  } catch {
    // not run by the bench: no fd 3
  }
})
