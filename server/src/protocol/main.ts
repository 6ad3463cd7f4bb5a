import {createConnection, ProposedFeatures} from 'vscode-languageserver/node'
import {startServer} from './server'

// createConnection reads the transport from argv: --stdio, --node-ipc or --socket=N.
const connection = createConnection(ProposedFeatures.all)
startServer(connection)
// A failed promise somewhere must not end the server the editor relies on: log it instead.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`)
})
connection.listen()
