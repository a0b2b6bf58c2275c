import { builder } from '../builder.ts'

builder.queryType({
	description:
		'The entry points for reading. Fields that fetch records return null for what the viewer may not see. Send requests as a POST with `Content-Type: application/json`, or with a non-empty `x-graphql-csrf` header (required for GET), so that no other site can make them with your cookies. Requests authenticated with an API token (`Authorization: Bearer cpt_…`) need neither.',
})
