import type {Rng} from '../../bench/lib/prng'

/**
 * `text` with one to `maxEdits` random edits: at a random place, `piece()` inserted (40 %) or put
 * in place of one character (30 %), or `cut()` characters deleted (30 %).
 *
 * Why shared: the fast-path equivalence tests (plain-frontmatter, plain-sentences) mutate their
 * generated and benchmark inputs with this one operator, each drawing its own pieces. The random
 * draws come in one fixed order (place, piece, kind, cut), so a seed gives the same inputs here as
 * it gave in each test's own copy before.
 */
export function mutateText(rng: Rng, text: string, maxEdits: number, piece: () => string, cut: () => number = () => 1): string {
  let out = text
  for (let n = rng.int(1, maxEdits); n > 0; n--) {
    const at = rng.int(0, out.length)
    const inserted = piece()
    const kind = rng.next()
    if (kind < 0.4) out = out.slice(0, at) + inserted + out.slice(at)
    else if (kind < 0.7) out = out.slice(0, at) + inserted + out.slice(at + 1)
    else out = out.slice(0, at) + out.slice(at + cut())
  }
  return out
}
