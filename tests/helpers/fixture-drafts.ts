import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

/** The texts of every labelled fixture draft (`tests/fixtures/<set>/drafts/*.md`), for tests that read drafts whole. */
export function fixtureDraftTexts(): string[] {
  const fixtures = join(__dirname, '..', 'fixtures')
  return readdirSync(fixtures, {withFileTypes: true})
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(fixtures, d.name, 'drafts')).filter((n) => n.endsWith('.md')).map((n) => readFileSync(join(fixtures, d.name, 'drafts', n), 'utf8')))
}
