import {LSPErrorCodes, ResponseError, type CancellationToken} from 'vscode-languageserver'

/**
 * Runs a request handler the way VS Code's css server does (runSafeAsync): a cancelled
 * request answers RequestCancelled, a failure is logged and answers the empty value, so one
 * bad document never takes the server down or leaves the client waiting.
 */
export async function runSafe<T>(
  log: (message: string) => void,
  name: string,
  token: CancellationToken | undefined,
  empty: T,
  run: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  // Let queued notifications (didChange, cancel) land first: the answer is for the newest text.
  await new Promise((resolve) => setImmediate(resolve))
  if (token?.isCancellationRequested) return cancelled()
  try {
    const result = await run()
    if (token?.isCancellationRequested) return cancelled()
    return result
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return empty
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled')
}
