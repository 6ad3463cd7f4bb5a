// Types for code-server.mjs (kept as plain JS so `node` scripts can import it directly).
import type {Page} from 'playwright-core'

export const RESULTS_DIR: string
export const CODE_SERVER_BIN: string
export interface Problems { errors: number; warnings: number; infos: number; label: string }
export interface CodeServerSession {
  page: Page
  url: string
  /** temp folder with home/, user-data/, extensions/, chromium/, code-server.log (kept if BRIEFCHECK_E2E_KEEP=1) */
  dir: string
  log: string
  timings: {healthz?: number; installExtension?: number; workbench?: number}
  screenshot(name: string): Promise<string>
  stop(): Promise<void>
}
export function startCodeServer(opts: {vsix?: string; workspace: string; bin?: string; settings?: Record<string, unknown>; timeout?: number}): Promise<CodeServerSession>
export function waitUntil<T>(check: () => T | Promise<T>, opts?: {timeout?: number; interval?: number; what?: string}): Promise<T>
export function openFile(page: Page, name: string, opts?: {timeout?: number}): Promise<void>
export function waitForSquiggle(page: Page, kind?: 'warning' | 'error' | 'info', opts?: {timeout?: number}): Promise<void>
export function problemsCount(page: Page): Promise<Problems>
export function waitForProblems(page: Page, pred: (c: Problems) => boolean, opts?: {timeout?: number}): Promise<Problems>
export function textPoint(page: Page, text: string): Promise<{x: number; y: number} | null>
export function editorText(page: Page): Promise<string>
export function hoverText(page: Page, text: string, opts?: {attempts?: number; timeout?: number}): Promise<string>
export function scrollHoverTo(page: Page, text: string, opts?: {timeout?: number}): Promise<void>
export function takeScreenshot(page: Page, name: string): Promise<string>
