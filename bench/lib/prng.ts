/** A small seeded PRNG (mulberry32) and the draws the generators need. Deterministic across runs and platforms. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Zipf-like pick: low indexes far more often (realistic term and entity frequencies). */
  zipf<T>(items: readonly T[], skew = 1.1): T {
    const u = this.next()
    const i = Math.floor(items.length * Math.pow(u, 1 + skew * 1.6))
    return items[Math.min(items.length - 1, i)]
  }

  /** Roughly normal (sum of uniforms), for sizes. */
  normal(mean: number, sd: number): number {
    return mean + sd * (this.next() + this.next() + this.next() + this.next() - 2) * 1.2247
  }
}

/** A 32-bit seed from a string and numbers (FNV-1a). */
export function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5
  for (const ch of parts.join('\u0000')) {
    h ^= ch.charCodeAt(0)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}
