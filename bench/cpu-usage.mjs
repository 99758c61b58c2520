// Preloaded into a measured child (`node --import ./bench/cpu-usage.mjs ...`): at exit it writes the whole
// process's CPU time and peak RSS as JSON to file descriptor 3, which the bench opened as a pipe, and, on Linux, the
// main thread's own CPU time (from /proc/self/task), so the rest is V8's and libuv's threads: the optimising
// compiler and the collector's helpers, which share the machine's cores with the main thread.
import {readFileSync, writeSync} from 'node:fs'

/** The main thread's CPU time in ms (its task id is the process id), or undefined where /proc is not Linux's. */
function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th, in clock ticks
    // (100 a second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

process.on('exit', () => {
  const usage = process.resourceUsage()
  try {
    writeSync(
      3,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssKb: usage.maxRSS,
        mainThreadCpuMs: mainThreadCpuMs(),
      }),
    )
  } catch {
    // not run by the bench: no fd 3
  }
})
