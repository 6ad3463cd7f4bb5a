/**
 * CPU seconds by consumer, read from Linux's /proc (the benchmark's profile of ingestion): this
 * process's main thread, the rest of this process (parse workers, GC and file-reading helper
 * threads), and a PostgreSQL server (its postmaster with every child, exited ones included).
 * Wall time on a machine shared with other work is noisy; CPU seconds are not.
 */
import {readdirSync, readFileSync} from 'node:fs'

/** /proc counts CPU time in USER_HZ ticks, 100 a second on every Linux architecture. */
const TICKS_PER_SECOND = 100

/** utime, stime, cutime, cstime of a /proc/…/stat line, in seconds. */
function statTimes(path: string): {own: number; children: number} {
  const line = readFileSync(path, 'utf8')
  // Fields after the command name (which may hold spaces) start at state (field 3).
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ')
  const own = Number(fields[11]) + Number(fields[12])
  const children = Number(fields[13]) + Number(fields[14])
  return {own: own / TICKS_PER_SECOND, children: children / TICKS_PER_SECOND}
}

/** CPU seconds of this process: its main thread, and all its other threads together. */
export function processCpu(): {main: number; others: number} {
  const usage = process.cpuUsage()
  const total = (usage.user + usage.system) / 1e6
  const main = statTimes(`/proc/self/task/${process.pid}/stat`).own
  return {main, others: Math.max(0, total - main)}
}

/** CPU seconds of one process (a PostgreSQL backend), or NaN once it is gone. */
export function pidCpu(pid: number): number {
  try {
    return statTimes(`/proc/${pid}/stat`).own
  } catch {
    return NaN
  }
}

/**
 * CPU seconds of a whole server: the process `pid` and its children, live (their own time)
 * and exited (reaped into the parent's children time), such as PostgreSQL's postmaster with its
 * backends, WAL writer, checkpointer and autovacuum workers.
 */
export function serverCpu(pid: number): number {
  let total = 0
  try {
    const parent = statTimes(`/proc/${pid}/stat`)
    total += parent.own + parent.children
  } catch {
    return NaN
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const line = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(line.slice(line.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) total += statTimes(`/proc/${entry}/stat`).own
    } catch {
      // The process exited between the listing and the read: its time is now its parent's.
    }
  }
  return total
}
