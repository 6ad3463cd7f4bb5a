import {createConnection, ProposedFeatures, StreamMessageWriter} from 'vscode-languageserver/node'
import {onLimit} from '../engine/limits'
import {TolerantMessageReader} from './framing'
import {lifecycleGate} from './lifecycle'
import {startServer} from './server'

// createConnection reads the transport from argv: --stdio, --node-ipc or --socket=N. Over stdio
// the server reads frames itself, skipping malformed ones and keeping the LSP lifecycle rules.
const stdioConnection = () => {
  const writer = new StreamMessageWriter(process.stdout)
  const log = (message: string) => process.stderr.write(`briefcheck-language-server: ${message}\n`)
  const reader = new TolerantMessageReader(process.stdin, log, lifecycleGate((response) => void writer.write(response), log))
  return createConnection(ProposedFeatures.all, reader, writer)
}
const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all)
startServer(connection)
// Caps reached while reading a draft or source (issue #13): said once, in the server's log.
onLimit((reason) => connection.console.warn(`limit: ${reason}`))
// A failed promise somewhere must not end the server the editor relies on: log it instead.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`)
})
connection.listen()
