import {createConnection, ProposedFeatures} from 'vscode-languageserver/node'
import {startServer} from './server'

// createConnection reads the transport from argv: --stdio, --node-ipc or --socket=N.
const connection = createConnection(ProposedFeatures.all)
startServer(connection)
connection.listen()
