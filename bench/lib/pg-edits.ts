import {Rng} from './prng'

/** Changes one digit of a random line holding one: a new figure, so a new query. */
export function editRandomFigure(text: string, rng: Rng): string {
  const lines = text.split('\n')
  for (let tries = 0; tries < 50; tries++) {
    const i = rng.int(0, lines.length - 1)
    if (!/^[A-Z“"]/.test(lines[i])) continue
    const digits = [...lines[i].matchAll(/\d/g)]
    if (digits.length === 0) continue
    const at = digits[rng.int(0, digits.length - 1)].index!
    lines[i] = lines[i].slice(0, at) + String(rng.int(0, 9)) + lines[i].slice(at + 1)
    return lines.join('\n')
  }
  return text + `\nThe figure was ${rng.int(10, 99)} percent.\n`
}

/** Sentences of a generated draft that hold a figure (what an edit changes). */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => /^[A-Z“"]/.test(s) && /\d/.test(s) && s.length > 40)
}

