import {existsSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {parseAccepted, type AcceptedClaim} from '../engine/accepted'
import {CHECK_IDS} from '../engine/checks'
import {validateConfig, type BriefcheckConfig} from '../engine/config'
import {MAX_SETTINGS_BYTES, readRegularTextSync} from './read-regular'

export const CONFIG_FILE = 'briefcheck.json'
export const ACCEPTED_FILE = join('.briefcheck', 'accepted.json')

export interface LoadedConfig {
  config: BriefcheckConfig
  /** Folder relative corpus paths are taken from: the config file's folder. */
  baseDir: string
  /** The config file, when one was found. */
  path?: string
  problems: string[]
}

/** Looks for `briefcheck.json` in `dir` and its parents, stopping at a repository root. */
export function findConfigFile(dir: string): string | undefined {
  let current = resolve(dir)
  for (;;) {
    const candidate = join(current, CONFIG_FILE)
    if (existsSync(candidate)) return candidate
    if (existsSync(join(current, '.git'))) return undefined
    const parent = dirname(current)
    if (parent === current) return undefined
    current = parent
  }
}

/** Reads and validates a config file; a broken one yields defaults and a problem. */
export function readConfigFile(path: string | undefined, fallbackDir: string): LoadedConfig {
  if (!path) {
    const {config} = validateConfig(undefined, CHECK_IDS)
    return {config, baseDir: fallbackDir, problems: []}
  }
  let json: unknown
  try {
    json = JSON.parse(readRegularTextSync(path, MAX_SETTINGS_BYTES))
  } catch (error) {
    const {config} = validateConfig(undefined, CHECK_IDS)
    return {config, baseDir: dirname(path), path, problems: [`${path}: ${error instanceof Error ? error.message : String(error)}`]}
  }
  const {config, problems} = validateConfig(json, CHECK_IDS)
  return {config, baseDir: dirname(path), path, problems: problems.map((p) => `${path}: ${p}`)}
}

/**
 * Where a workspace keeps its accepted claims: `.briefcheck/accepted.json` beside the
 * briefcheck.json in force, else in the folder checked (the workspace folder, or the CLI's
 * current folder). The CLI and the server both ask here, so they accept the same claims.
 */
export function acceptedFileFor(configFile: string | undefined, folder: string): string {
  return join(configFile ? dirname(configFile) : resolve(folder), ACCEPTED_FILE)
}

/** Reads an accepted-claims file; missing means none accepted. */
export function readAcceptedFile(path: string): {accepted: AcceptedClaim[]; problem?: string} {
  if (!existsSync(path)) return {accepted: []}
  try {
    return {accepted: parseAccepted(readRegularTextSync(path, MAX_SETTINGS_BYTES))}
  } catch (error) {
    return {accepted: [], problem: `${path}: ${error instanceof Error ? error.message : String(error)}`}
  }
}
