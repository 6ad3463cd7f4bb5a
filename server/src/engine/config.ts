import type {RuleSetting, Severity} from './messages'

export type CitationStyle = 'footnote' | 'pandoc'
export type CitationScope = 'sentence' | 'paragraph'

/** Settings shared by the CLI (`briefcheck.json`) and the language server (`briefcheck.*`). */
export interface BriefcheckConfig {
  corpus: string[]
  citationStyle: CitationStyle
  citationScope: CitationScope
  rules: Record<string, RuleSetting>
  /**
   * A shared corpus in PostgreSQL (issue #18) instead of the embedded index: a
   * `postgresql://` URL without a password (libpq's PGPASSWORD or ~/.pgpass supply it).
   */
  store?: {postgres: string}
  /** CSL style of inserted footnotes (issue #16): a bundled style id or a `.csl` path; Chicago full notes when unset. */
  cslStyle?: string
  /** CSL locale of inserted footnotes (`en-US`, `de-DE`…); en-US when unset. */
  locale?: string
}

export const DEFAULT_CONFIG: BriefcheckConfig = {
  corpus: [],
  citationStyle: 'footnote',
  citationScope: 'sentence',
  rules: {},
}

const SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error']

/**
 * Validates untrusted JSON (a config file, editor settings) over the defaults: unknown keys
 * and wrong types are reported and ignored, never thrown (vscode-markdown-languageservice's
 * config.ts does the same). `known` lists the rule ids a `rules` entry may name.
 */
export function validateConfig(input: unknown, known: readonly string[]): {config: BriefcheckConfig; problems: string[]} {
  const problems: string[] = []
  const config: BriefcheckConfig = {...DEFAULT_CONFIG, rules: {}}
  if (input === undefined || input === null) return {config, problems}
  if (typeof input !== 'object' || Array.isArray(input)) return {config, problems: ['configuration must be an object']}
  const record = input as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    switch (key) {
      case 'corpus':
        if (typeof value === 'string') config.corpus = [value]
        else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) config.corpus = value as string[]
        else problems.push('"corpus" must be a path or a list of paths')
        break
      case 'citationStyle':
        if (value === 'footnote' || value === 'pandoc') config.citationStyle = value
        else problems.push('"citationStyle" must be "footnote" or "pandoc"')
        break
      case 'citationScope':
        if (value === 'sentence' || value === 'paragraph') config.citationScope = value
        else problems.push('"citationScope" must be "sentence" or "paragraph"')
        break
      case 'rules':
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          problems.push('"rules" must map check ids to off|hint|information|warning|error')
          break
        }
        for (const [rule, setting] of Object.entries(value as Record<string, unknown>)) {
          const normalised = setting === 'info' ? 'information' : setting
          if (!known.includes(rule)) problems.push(`unknown check "${rule}" in "rules"`)
          else if (!SETTINGS.includes(normalised as RuleSetting)) problems.push(`"rules.${rule}" must be one of ${SETTINGS.join(', ')}`)
          else config.rules[rule] = normalised as RuleSetting
        }
        break
      case 'store': {
        const url = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).postgres : undefined
        if (typeof url === 'string' && /^postgres(ql)?:\/\//.test(url)) config.store = {postgres: url}
        else problems.push('"store" must be {"postgres": "postgresql://…"}')
        break
      }
      case 'cslStyle':
      case 'locale':
        // An empty string is the editor's "unset".
        if (typeof value === 'string') {
          if (value.trim() !== '') config[key] = value.trim()
        } else problems.push(`"${key}" must be a string`)
        break
      case '$schema':
        break
      default:
        problems.push(`unknown setting "${key}"`)
    }
  }
  return {config, problems}
}

/** The severity a check reports at, after the configuration's override. */
export function effectiveSeverity(config: BriefcheckConfig, ruleId: string, fallback: Severity): RuleSetting {
  return config.rules[ruleId] ?? fallback
}
