import { randomBytes } from 'node:crypto';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import neo4j from 'neo4j-driver';
import { type PolyglotGateway, startPolyglotGateway } from '../integration/support/polyglotGateway';
import { describeControlledStore, startStore, stopStore, storeAcceptsConnections } from '../integration/support/storeControl';
import { everyStoreProbe, type ReadyReport, waitForHealthyStores } from '../integration/support/waitForHealthyStores';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { neo4jAuth, storeEndpoints } from '../support/storeEndpoints';
import { testToken } from '../support/testTokens';

jest.setTimeout(300_000);

/** What the test knows about each article it wrote: only acknowledged (successful) mutations are recorded. */
interface Ledger {
  id: string;
  word: string;
  title: string;
  referencedWorkIds: string[];
  version: number;
  deleted: boolean;
}

const CONVERGENCE_DEADLINE_MS = 120_000;

/**
 * Stops one projection store in the middle of a burst of creates, updates and deletes, then starts it again.
 * Every mutation the gateway acknowledged must be in PostgreSQL, and once the store is back every projection
 * must converge: live articles found by search exactly once, deleted ones gone everywhere, citation edges as in
 * the catalog, no duplicate document or node. Prints how long convergence took after the store came back.
 */
for (const store of ['elasticsearch', 'neo4j'] as const) {
  describeControlledStore(store, `article writes while ${store} is down`, () => {
    let poly: PolyglotGateway | undefined;
    let editor: string;
    let admin: string;
    const truth = sampleGroundTruth();
    const sample = [...truth.works.values()];
    const citersInSample = (id: string) => sample.filter((w) => w.referencedWorkIds.includes(id)).length;
    const cited = [...sample].sort((a, b) => citersInSample(b.id) - citersInSample(a.id) || a.id.localeCompare(b.id)).slice(0, 4).map((w) => w.id);
    const author = [...truth.authors.keys()][0] as string;
    const run = randomBytes(3).toString('hex');

    beforeAll(async () => {
      // Short backoff so that convergence after the restart is measured, not the backoff ceiling.
      poly = await startPolyglotGateway(`fault_${store}`, { OUTBOX_BACKOFF_MAX_MS: '2000', OUTBOX_POLL_MS: '200' });
      editor = await testToken('editor');
      admin = await testToken('admin');
    });

    afterAll(async () => {
      if (!(await storeAcceptsConnections(store))) await startStore(store);
      await poly?.stop();
    });

    it('loses no acknowledged write and converges without duplicates once the store is back', async () => {
      const gateway = (poly as PolyglotGateway).gateway;
      const gql = async <T>(query: string, variables: Record<string, unknown>, token = editor) => gateway.gql<T>(query, variables, { token });
      const ledger: Ledger[] = [];
      const pendingReported: string[] = [];
      /** The sync tokens of the creates, by their number. */
      const tokens = new Map<number, string>();
      type SyncReport = { complete: boolean; stores: { store: string; state: string; attempts: number; errorClass: string | null }[] };
      const syncStatus = async (token: string, waitMs = 0) => {
        const res = await gql<{ syncStatus: SyncReport }>(
          'query($t: String!, $w: Int) { syncStatus(token: $t, waitMs: $w) { complete stores { store state attempts errorClass } } }',
          { t: token, w: waitMs },
        );
        expect(res.errors).toBeUndefined();
        return res.data?.syncStatus as SyncReport;
      };

      // Every store up with a closed breaker before the burst: a store an earlier fault test left restarting (or
      // down) would hold records back for its own reasons, and the convergence measured would not be this outage's.
      let probes = 0;
      const base = gateway.url.replace(/\/graphql$/, '');
      const { waitedMs } = await waitForHealthyStores({
        ready: async () => (await (await fetch(`${base}/ready`)).json()) as ReadyReport,
        probe: () => {
          const { query, variables } = everyStoreProbe(cited[0] as string, probes++);
          return gql(query, variables);
        },
        before: `the writes before ${store} is stopped`,
      });
      if (waitedMs >= 1_000) process.stdout.write(`\n[fault:${store}] waited ${waitedMs} ms for every store to be up with a closed breaker\n`);

      const create = async (n: number) => {
        const word = `faultword${run}x${n}`;
        const refs = [cited[n % cited.length] as string, cited[(n + 1) % cited.length] as string];
        const res = await gql<{ createArticle: { work: { id: string; version: number }; sync: { store: string; state: string }[]; syncToken: string } }>(
          `mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id version } sync { store state } syncToken } }`,
          { input: { title: `Fault ${word}`, publicationDate: '2025-01-02', authorIds: [author], referencedWorkIds: refs } },
        );
        expect(res.errors).toBeUndefined();
        const work = res.data?.createArticle.work as { id: string; version: number };
        ledger.push({ id: work.id, word, title: `Fault ${word}`, referencedWorkIds: refs, version: work.version, deleted: false });
        tokens.set(n, res.data?.createArticle.syncToken as string);
        pendingReported.push(...(res.data?.createArticle.sync ?? []).filter((s) => s.state === 'PENDING').map((s) => s.store));
      };
      const update = async (entry: Ledger, n: number) => {
        const word = `faultword${run}u${n}`;
        const refs = [cited[(n + 2) % cited.length] as string];
        const res = await gql<{ updateArticle: { work: { version: number } } }>(
          `mutation($id: ID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { work { version } } }`,
          { id: entry.id, input: { version: entry.version, title: `Fault ${word}`, referencedWorkIds: refs } },
        );
        expect(res.errors).toBeUndefined();
        Object.assign(entry, { word, title: `Fault ${word}`, referencedWorkIds: refs, version: res.data?.updateArticle.work.version });
      };
      const remove = async (entry: Ledger) => {
        const res = await gql(`mutation($id: ID!, $v: Int) { deleteArticle(id: $id, version: $v) { id } }`, { id: entry.id, v: entry.version });
        expect(res.errors).toBeUndefined();
        entry.deleted = true;
      };

      // While the store is up, then while it goes down and stays down.
      for (let n = 0; n < 6; n++) await create(n);
      await update(ledger[0] as Ledger, 0);
      const stopping = stopStore(store);
      for (let n = 6; n < 12; n++) await create(n);
      await stopping;
      for (let n = 12; n < 20; n++) await create(n);
      for (let n = 1; n < 9; n++) await update(ledger[n] as Ledger, n);
      for (const n of [2, 5, 13, 17]) await remove(ledger[n] as Ledger);
      expect(pendingReported).toContain(store.toUpperCase());

      // The editor's own view of a change made while the store is down (syncStatus): PENDING there, with no class or
      // UNAVAILABLE once an attempt failed — never FAILED (nothing is dead-lettered) — and APPLIED everywhere else.
      const whileDown = await syncStatus(tokens.get(19) as string);
      expect(whileDown.complete).toBe(false);
      const down = whileDown.stores.find((s) => s.store === store.toUpperCase());
      expect({ state: down?.state, errorClass: down?.errorClass ?? null }).toEqual({ state: 'PENDING', errorClass: down?.attempts === 0 ? null : 'UNAVAILABLE' });

      // Every acknowledged write is in PostgreSQL, whatever the projections say.
      for (const entry of ledger) {
        const res = await gql<{ work: { title: string; version: number; referencedWorkIds: string[] } | null }>(
          'query($id: ID!) { work(id: $id) { title version referencedWorkIds } }',
          { id: entry.id },
        );
        expect(res.data?.work).toEqual(entry.deleted ? null : { title: entry.title, version: entry.version, referencedWorkIds: entry.referencedWorkIds });
      }

      const { readyAfterMs } = await startStore(store);
      const backAt = Date.now();
      for (;;) {
        const res = await gql<{ outbox: { pending: number; deadLettered: number } }>('{ outbox { pending deadLettered } }', {}, admin);
        expect(res.data?.outbox.deadLettered).toBe(0);
        if (res.data?.outbox.pending === 0) break;
        if (Date.now() - backAt > CONVERGENCE_DEADLINE_MS) throw new Error(`outbox still holds ${res.data?.outbox.pending} record(s) ${CONVERGENCE_DEADLINE_MS} ms after ${store} came back`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const convergedMs = Date.now() - backAt;
      // Once delivered, every create's token reports the change applied in every store.
      for (const [n, token] of tokens) {
        const report = await syncStatus(token, 1_000);
        expect({ n, complete: report.complete, states: [...new Set(report.stores.map((s) => s.state))] }).toEqual({ n, complete: true, states: ['APPLIED'] });
      }
      process.stdout.write(`\n[fault:${store}] ${ledger.length} creates, 9 updates, 4 deletes acknowledged; ${store} restarted in ${readyAfterMs} ms; projections converged ${convergedMs} ms after it was back\n`);

      const live = ledger.filter((e) => !e.deleted);
      const total = truth.works.size + live.length;
      expect((await gql<{ works: { totalCount: number } }>('{ works { totalCount } }', {})).data?.works.totalCount).toBe(total);

      // Elasticsearch: one document per work, live articles found by their last title, deleted ones nowhere.
      await (poly as PolyglotGateway).refreshSearch();
      const es = new ElasticClient({ node: storeEndpoints.elasticsearch });
      try {
        expect((await es.count({ index: (poly as PolyglotGateway).index })).count).toBe(total);
      } finally {
        await es.close();
      }
      for (const entry of ledger) {
        const res = await gql<{ searchWorks: { nodes: { id: string }[] } }>('query($q: String!) { searchWorks(query: $q) { nodes { id } } }', { q: entry.word });
        expect(res.data?.searchWorks.nodes.map((n) => n.id)).toEqual(entry.deleted ? [] : [entry.id]);
      }

      // Neo4j: one loaded node per work, and every cited work's citers are exactly the catalog's.
      const driver = neo4j.driver(storeEndpoints.neo4j, neo4j.auth.basic(neo4jAuth.user, neo4jAuth.password));
      try {
        const { records } = await driver.executeQuery('MATCH (w:Work) WHERE w.loaded RETURN count(w) AS n, count(DISTINCT w.id) AS d');
        expect([Number(records[0]?.get('n')), Number(records[0]?.get('d'))]).toEqual([total, total]);
      } finally {
        await driver.close();
      }
      for (const id of cited) {
        const res = await gql<{ work: { citedBy: { totalCount: number; nodes: { id: string }[] } } }>(
          'query($id: ID!) { work(id: $id) { citedBy(first: 200) { totalCount nodes { id } } } }',
          { id },
        );
        const expected = [...sample.filter((w) => w.referencedWorkIds.includes(id)).map((w) => w.id), ...live.filter((e) => e.referencedWorkIds.includes(id)).map((e) => e.id)];
        expect(res.data?.work.citedBy.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
        expect(res.data?.work.citedBy.totalCount).toBe(expected.length);
      }
    });
  });
}
