import {resolve} from 'node:path'
import {ALL_CHECKS, CHECK_IDS} from '../engine/checks'
import {DEFAULT_CONFIG, validateConfig, type BriefcheckConfig} from '../engine/config'
import {DEFAULT_MAX_FILE_BYTES} from '../engine/corpus/load'
import type {LoadedConfig} from './config-file'

/** The `briefcheck` settings section as the client sends it, validated. */
export interface ServerSettings {
  enable: boolean
  corpus: string[]
  citationStyle: BriefcheckConfig['citationStyle']
  citationScope: BriefcheckConfig['citationScope']
  rules: BriefcheckConfig['rules']
  maxFileSizeMB: number
  cslStyle?: string
  locale?: string
  /** `briefcheck.store.postgres`: a shared PostgreSQL corpus instead of the embedded index. */
  store?: {postgres: string}
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  corpus: [],
  citationStyle: DEFAULT_CONFIG.citationStyle,
  citationScope: DEFAULT_CONFIG.citationScope,
  rules: {},
  maxFileSizeMB: DEFAULT_MAX_FILE_BYTES / 1048576,
}

/**
 * Validates the untrusted `briefcheck` section over the defaults (as
 * vscode-markdown-languageservice's config.ts does): the keys it shares with briefcheck.json go
 * through the engine's `validateConfig`, so the CLI and the server accept the same values.
 * Problems are returned for the log, never thrown.
 */
export function validateSettings(input: unknown): {settings: ServerSettings; problems: string[]} {
  const settings: ServerSettings = {...DEFAULT_SETTINGS, rules: {}}
  if (input === undefined || input === null) return {settings, problems: []}
  if (typeof input !== 'object' || Array.isArray(input)) return {settings, problems: ['settings "briefcheck" must be an object']}
  const {enable, maxFileSizeMB, trace: _trace, store, ...shared} = input as Record<string, unknown>
  const problems: string[] = []
  if (enable !== undefined) {
    if (typeof enable === 'boolean') settings.enable = enable
    else problems.push('"enable" must be true or false')
  }
  if (maxFileSizeMB !== undefined) {
    if (typeof maxFileSizeMB === 'number' && Number.isFinite(maxFileSizeMB) && maxFileSizeMB > 0) settings.maxFileSizeMB = maxFileSizeMB
    else problems.push('"maxFileSizeMB" must be a positive number')
  }
  // Clients send `null` for settings the user left unset.
  const present = Object.fromEntries(Object.entries(shared).filter(([, v]) => v !== null && v !== undefined))
  // An empty `briefcheck.store.postgres` is the editor's "unset": the embedded index.
  const storeUrl = store && typeof store === 'object' ? (store as {postgres?: unknown}).postgres : store
  if (storeUrl !== undefined && storeUrl !== null && storeUrl !== '') present.store = store
  const validated = validateConfig(present, CHECK_IDS)
  problems.push(...validated.problems)
  settings.corpus = validated.config.corpus
  settings.citationStyle = validated.config.citationStyle
  settings.citationScope = validated.config.citationScope
  settings.rules = validated.config.rules
  if (validated.config.cslStyle) settings.cslStyle = validated.config.cslStyle
  if (validated.config.locale) settings.locale = validated.config.locale
  if (validated.config.store) settings.store = validated.config.store
  return {settings, problems: problems.map((p) => `settings: ${p}`)}
}

/**
 * Rule settings that differ from the check's default. VS Code sends every declared setting,
 * defaults included, so a default must not override a severity the project's briefcheck.json
 * chose.
 */
function changedRules(rules: ServerSettings['rules']): ServerSettings['rules'] {
  const defaults = new Map(ALL_CHECKS.map((c) => [c.id, c.defaultSeverity as string]))
  return Object.fromEntries(Object.entries(rules).filter(([id, value]) => defaults.get(id) !== value))
}

/** The configuration a workspace runs with: engine config, where the corpus is, limits. */
export interface EffectiveConfig {
  enable: boolean
  config: BriefcheckConfig
  /** Corpus patterns and the folder relative ones are taken from. */
  corpus: string[]
  baseDir: string
  maxFileBytes: number
  /** The briefcheck.json in force, for the file watcher. */
  configFile?: string
  /** A shared PostgreSQL corpus (setting over briefcheck.json): read instead of indexing `corpus`. */
  store?: string
}

/**
 * briefcheck.json is the base; a setting overrides it when it differs from the default (an
 * untouched setting must not wipe the project's file). Corpus paths from briefcheck.json are
 * relative to that file, corpus paths from settings to the workspace folder. Rules merge per
 * check, settings winning.
 */
export function mergeSettings(file: LoadedConfig, settings: ServerSettings, workspaceRoot: string): EffectiveConfig {
  const fromSettings = settings.corpus.length > 0
  return {
    enable: settings.enable,
    config: {
      corpus: fromSettings ? settings.corpus : file.config.corpus,
      citationStyle: settings.citationStyle !== DEFAULT_SETTINGS.citationStyle ? settings.citationStyle : file.config.citationStyle,
      citationScope: settings.citationScope !== DEFAULT_SETTINGS.citationScope ? settings.citationScope : file.config.citationScope,
      rules: {...file.config.rules, ...changedRules(settings.rules)},
      ...cslSettings(file, settings, workspaceRoot),
    },
    corpus: fromSettings ? settings.corpus : file.config.corpus,
    baseDir: fromSettings ? workspaceRoot : file.baseDir,
    maxFileBytes: Math.round(settings.maxFileSizeMB * 1048576),
    configFile: file.path,
    ...(storeUrl(file, settings) ? {store: storeUrl(file, settings)} : {}),
  }
}

/** The shared store's URL, the setting over briefcheck.json. */
function storeUrl(file: LoadedConfig, settings: ServerSettings): string | undefined {
  return settings.store?.postgres ?? file.config.store?.postgres
}

/** CSL style and locale, settings over briefcheck.json; a style path is made absolute from where it was set. */
function cslSettings(file: LoadedConfig, settings: ServerSettings, workspaceRoot: string): Pick<BriefcheckConfig, 'cslStyle' | 'locale'> {
  const out: Pick<BriefcheckConfig, 'cslStyle' | 'locale'> = {}
  const style = settings.cslStyle ?? file.config.cslStyle
  if (style) out.cslStyle = /[\\/]|\.csl$/i.test(style) ? resolve(settings.cslStyle ? workspaceRoot : file.baseDir, style) : style
  const locale = settings.locale ?? file.config.locale
  if (locale) out.locale = locale
  return out
}
