// Types for run.mjs.
export interface NvimCheckResult {
  diagnostics: Array<{range: {start: {line: number; character: number}; end: {line: number; character: number}}; severity: number; message: string; source?: string; code?: string | number; data?: unknown}>
  diagnosticsMs: number
  hover: unknown
  codeActions: Array<{title: string; kind?: string; [k: string]: unknown}>
  codeLenses: Array<{range: unknown; command?: {title: string; command: string}}>
}
export function runNvimCheck(opts: {cmd: string[]; file: string; line?: number; character?: number; action?: {line: number; character: number}; timeout?: number; nvim?: string}): Promise<NvimCheckResult>
