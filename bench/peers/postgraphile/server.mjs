/**
 * PostGraphile v5 with the Amber preset over the gateway's catalog, the way its documentation serves it from node's
 * own `http` (grafserv's node adaptor): the peer a user would pick instead of the gateway for reads over PostgreSQL.
 * Production settings: no GraphiQL, no schema watching, no explain, NODE_ENV from the caller.
 *
 *   node server.mjs <connection string> [port]
 *
 * Listens on 127.0.0.1 (port 0: any free one) and prints one JSON line, `{"ready":true,"url":…,"pid":…}`, once it
 * answers. Besides the catalog's own foreign keys it is told one relation the catalog cannot declare:
 * `work_references.cited_id` points at works (it is no foreign key because a cited work need not be loaded), so
 * a work's `citedBy { totalCount }` has its equivalent, `workReferencesByCitedId { totalCount }`. The two
 * computed columns of computedColumns.sql (institutions of an authorship, works of an author) must be in the
 * database first.
 */
import { createServer } from 'node:http';
import console from 'node:console';
import process from 'node:process';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';

const [connectionString, port = '0'] = process.argv.slice(2);
if (!connectionString) {
  console.error('usage: node server.mjs <connection string> [port]');
  process.exit(2);
}

const CatalogRelations = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      work_references: { tags: { foreignKey: '(cited_id) references works (id)' } },
      // The gateway lists a work's topics by score; PostGraphile orders only by indexed columns unless told.
      work_topics: { attribute: { score: { tags: { behavior: '+orderBy' } } } },
    },
  },
});

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [CatalogRelations],
  pgServices: [makePgService({ connectionString, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// Build the schema before listening, so the first measured request does not pay for introspection.
await pgl.getSchemaResult();
const server = createServer();
await serv.addTo(server);
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/graphql`;
  console.log(JSON.stringify({ ready: true, url, pid: process.pid }));
});

const stop = () => {
  server.close();
  void pgl.release().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
