import {ErrorCodes, ResponseError, type ExecuteCommandParams} from 'vscode-languageserver'
import {CaptureError, type CaptureResult} from '../engine/corpus/capture'
import {SERVER_COMMANDS} from '../contract'
import type {WorkspaceSession} from '../workspace/session'

/** What the commands need from the server. */
export interface CommandContext {
  sessions(): readonly WorkspaceSession[]
  reindex(session: WorkspaceSession): Promise<void>
}

/**
 * `workspace/executeCommand`: re-index every folder's corpus, or capture a source into the
 * first folder's corpus and index it at once (so it is citable when the command returns):
 * answers the `AddedSource` of contract.ts.
 */
export async function executeCommand(params: ExecuteCommandParams, ctx: CommandContext): Promise<unknown> {
  const sessions = ctx.sessions()
  if (params.command === SERVER_COMMANDS.reindex) {
    await Promise.all(
      sessions.map((session) => {
        session.reloadConfig()
        return ctx.reindex(session)
      }),
    )
  }
  if (params.command === SERVER_COMMANDS.captureSource && sessions.length > 0) {
    const input = (params.arguments?.[0] as {input?: unknown} | undefined)?.input
    if (typeof input !== 'string' || input.trim() === '') throw new ResponseError(ErrorCodes.InvalidParams, 'a URL or file path is required')
    const session = sessions[0]
    let result: CaptureResult
    try {
      result = await session.addSource(input.trim())
    } catch (error) {
      if (error instanceof CaptureError) throw new ResponseError(ErrorCodes.InvalidRequest, error.message)
      throw error
    }
    await ctx.reindex(session)
    const m = result.doc.meta
    return {path: result.markdown, original: result.original, title: m.title ?? null, authors: m.authors, date: m.date ?? null, warnings: result.doc.warnings}
  }
  return null
}
