/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and prints the top self-time functions
 * as `file:function  ms  %`, optionally only for samples under a given function (e.g.
 * `--under checkDraft`), and the top files.
 *
 *   npx tsx bench/profile.ts PROFILE.cpuprofile [--under NAME] [--top 25] [--json]
 */
import {readFileSync} from 'node:fs'
import {relative} from 'node:path'

interface ProfileNode {
  id: number
  callFrame: {functionName: string; url: string; lineNumber: number}
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface Hotspot {
  where: string
  ms: number
  percent: number
}

export function readProfile(path: string, under?: string, top = 25): {totalMs: number; functions: Hotspot[]; files: Hotspot[]} {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inside = new Map<number, boolean>()
  const isUnder = (id: number): boolean => {
    if (!under) return true
    const known = inside.get(id)
    if (known !== undefined) return known
    const node = byId.get(id)!
    const p = parent.get(id)
    const result = node.callFrame.functionName === under || (p !== undefined && isUnder(p))
    inside.set(id, result)
    return result
  }
  const self = new Map<string, number>()
  const files = new Map<string, number>()
  let total = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000
    if (!isUnder(id)) continue
    const node = byId.get(id)!
    const file = shortUrl(node.callFrame.url)
    const name = `${file}:${node.callFrame.functionName || '(anonymous)'}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`
    self.set(name, (self.get(name) ?? 0) + dt)
    files.set(file, (files.get(file) ?? 0) + dt)
    total += dt
  }
  const rank = (m: Map<string, number>): Hotspot[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, ms]) => ({where, ms: Math.round(ms), percent: Math.round((1000 * ms) / total) / 10}))
  return {totalMs: Math.round(total), functions: rank(self), files: rank(files)}
}

function shortUrl(url: string): string {
  if (!url) return '(native)'
  const path = url.replace(/^file:\/\//, '')
  const nm = path.lastIndexOf('node_modules/')
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length)
  return relative(process.cwd(), path)
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--under')
  const under = args.includes('--under') ? args[args.indexOf('--under') + 1] : undefined
  const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25
  if (!file) {
    console.error('usage: tsx bench/profile.ts PROFILE.cpuprofile [--under NAME] [--top N] [--json]')
    process.exit(2)
  }
  const result = readProfile(file, under, top)
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`${result.totalMs} ms sampled${under ? ` under ${under}` : ''}\n\nself time by function:`)
    for (const h of result.functions) console.log(`${h.percent.toFixed(1).padStart(5)}%  ${String(h.ms).padStart(7)} ms  ${h.where}`)
    console.log('\nself time by file:')
    for (const h of result.files.slice(0, 12)) console.log(`${h.percent.toFixed(1).padStart(5)}%  ${String(h.ms).padStart(7)} ms  ${h.where}`)
  }
}
