/**
 * The tools writers already run, as in /work/shared/PERF-ANCHORS.md: plain remark-parse (the
 * floor), textlint with five common English rules, markdownlint with its default rules.
 */
import remarkParse from 'remark-parse'
import {unified} from 'unified'

export const TEXTLINT_RULES = [
  'textlint-rule-no-todo',
  'textlint-rule-max-comma',
  'textlint-rule-sentence-length',
  'textlint-rule-no-start-duplicated-conjunction',
  'textlint-rule-common-misspellings',
]

const remark = unified().use(remarkParse)

/** Plain remark-parse of the draft (no GFM, no front matter): the floor. */
export function remarkParseOnly(text: string): unknown {
  return remark.parse(text)
}

// Untyped CommonJS packages: loaded by name so the type checker does not need declarations.
async function load(name: string): Promise<any> {
  let mod = await import(name)
  while (mod && mod.default && (typeof mod.default === 'object' || typeof mod.default === 'function') && !mod.linter && !mod.Processor) mod = mod.default
  return mod
}

export interface Peers {
  textlint(text: string): Promise<unknown>
  markdownlint(text: string): unknown
}

export async function loadPeers(): Promise<Peers> {
  const {TextlintKernel} = await import('@textlint/kernel')
  const markdown = await load('@textlint/textlint-plugin-markdown')
  const rules = await Promise.all(TEXTLINT_RULES.map(async (name) => ({ruleId: name.replace('textlint-rule-', ''), rule: await load(name)})))
  const kernel = new TextlintKernel()
  const options = {ext: '.md', filePath: '/draft.md', plugins: [{pluginId: 'markdown', plugin: markdown}], rules}
  const markdownlintSync = await load('markdownlint/sync')
  return {
    textlint: (text) => kernel.lintText(text, options),
    markdownlint: (text) => markdownlintSync.lint({strings: {draft: text}}),
  }
}
