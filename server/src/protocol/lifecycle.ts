import {ErrorCodes, type Message, type RequestMessage, type ResponseMessage} from 'vscode-languageserver/node'

/**
 * The LSP lifecycle rules (issue #13), applied to every incoming message before the connection
 * sees it: before `initialize`, a request is answered with ServerNotInitialized (-32002) and a
 * notification other than `exit` is dropped; a second `initialize` is an InvalidRequest; after
 * `shutdown`, every request is an InvalidRequest and only `exit` still acts.
 * vscode-languageserver leaves these rules to the server, and answered such requests.
 *
 * Returns the gate: true lets a message through, false means it was answered (or dropped) here.
 */
export function lifecycleGate(respond: (response: ResponseMessage) => void, log: (message: string) => void): (message: Message) => boolean {
  let state: 'new' | 'initializing' | 'running' | 'shut-down' = 'new'
  return (message: Message): boolean => {
    const m = message as Partial<RequestMessage>
    if (typeof m.method !== 'string') return true // a response to one of our requests
    const isRequest = m.id !== undefined && m.id !== null
    const refuse = (code: number, text: string): false => {
      if (isRequest) respond({jsonrpc: '2.0', id: m.id!, error: {code, message: text}})
      else log(`dropped ${m.method}: ${text}`)
      return false
    }
    if (m.method === 'exit') return true
    if (m.method === 'initialize') {
      if (state !== 'new') return refuse(ErrorCodes.InvalidRequest, 'the server is already initialized')
      state = 'initializing'
      return true
    }
    if (state === 'new') return refuse(ErrorCodes.ServerNotInitialized, `${m.method} before initialize`)
    if (state === 'shut-down') return refuse(ErrorCodes.InvalidRequest, `${m.method} after shutdown`)
    if (m.method === 'shutdown') state = 'shut-down'
    else if (m.method === 'initialized') state = 'running'
    return true
  }
}
