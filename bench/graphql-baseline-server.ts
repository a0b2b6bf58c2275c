/**
 * The baseline of bench/graphql-throughput.ts: bare graphql-yoga with a one-field schema that
 * answers a constant, on a plain node:http server. No Express, no logging, no database, no
 * auth, no plugins: what Yoga itself costs per request on this machine, to compare the API with.
 *
 *   node --import tsx bench/graphql-baseline-server.ts <port>
 *
 * Prints `listening` once it accepts connections; stops on SIGTERM.
 */
import { createServer } from 'node:http'
import { createSchema, createYoga } from 'graphql-yoga'

const port = Number(process.argv[2])
if (!Number.isInteger(port) || port <= 0) throw new Error('usage: graphql-baseline-server.ts <port>')

const yoga = createYoga({
	schema: createSchema({
		typeDefs: 'type Query { hello: String! }',
		resolvers: { Query: { hello: () => 'world' } },
	}),
	graphqlEndpoint: '/graphql',
	logging: false,
	landingPage: false,
	graphiql: false,
})

const server = createServer(yoga)
server.listen(port, '127.0.0.1', () => console.log('listening'))
process.once('SIGTERM', () => {
	server.close(() => process.exit(0))
	server.closeAllConnections()
})
