import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a Neo4j 5 (community, embedded in this JVM) for local tests, keeping its data like a real server.
 *
 * <pre>java Neo4jLauncher HOME_DIR [BOLT_PORT]</pre>
 *
 * HOME_DIR is the Neo4j home: the store lives in HOME_DIR/data (databases/, transactions/) and Neo4j's
 * debug log in HOME_DIR/logs, so the graph survives a stop and the next start opens it again (after a
 * kill, Neo4j recovers it from its transaction log). BOLT_PORT defaults to $NEO4J_PORT, then 7687. HTTP
 * is off unless $NEO4J_HTTP_PORT is set. Everything listens on 127.0.0.1 only. Authentication is
 * disabled, so any user/password a client sends is accepted.
 *
 * Prints "NEO4J READY bolt://127.0.0.1:PORT" once Bolt accepts connections and the default database is
 * available, then runs until SIGTERM/SIGINT, which shuts Neo4j down cleanly (a checkpoint flushes the
 * store, so the next start needs no recovery).
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: Neo4jLauncher HOME_DIR [BOLT_PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = port(args.length > 1 ? args[1] : System.getenv("NEO4J_PORT"), 7687);
        String httpPortEnv = System.getenv("NEO4J_HTTP_PORT");
        boolean http = httpPortEnv != null && !httpPortEnv.isBlank();

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                // Neo4j's user log (start-up, recovery, errors) goes to stdout, i.e. the launcher's log file.
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, http)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports
                // A test graph is small: a modest page cache (NEO4J_PAGE_CACHE_MB, default 64) instead of Neo4j's
                // share of the machine's RAM; a large graph (bench:scale at a million works) sets more.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(megabytes(System.getenv("NEO4J_PAGE_CACHE_MB"), 64)))
                // Transaction logs sized for tests: grown on demand (not 256 MiB reserved per database up
                // front), rotated at 16 MiB, and only the latest two files kept, not two days' worth.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // Bolt's Netty event loops otherwise idle 5 s each (twice) before a stop completes.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        if (http) {
            builder = builder.setConfig(HttpConnector.listen_address, new SocketAddress(HOST, port(httpPortEnv, 7474)));
        }

        final DatabaseManagementService dbms;
        try {
            dbms = builder.build();
            // build() returns once the databases have started; make sure the default one is usable.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("NEO4J FAILED " + e);
            System.exit(1);
            return;
        }

        // SIGTERM/SIGINT run the shutdown hooks: stop the databases (checkpoint, release the store) first.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J STOPPING");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("NEO4J STOPPED");
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        URI bolt = URI.create("bolt://" + HOST + ":" + boltPort);
        System.out.println("NEO4J READY " + bolt);
        System.out.flush();
        stopped.await(); // stay alive until the shutdown hook has run
    }

    /** A size in MiB from the environment (a positive integer), else `fallback`; anything else stops the launcher. */
    private static long megabytes(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long mb = Long.parseLong(value.trim());
            if (mb > 0) {
                return mb;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("NEO4J_PAGE_CACHE_MB must be a positive number of MiB, got: " + value);
        System.exit(2);
        return fallback;
    }

    private static int port(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            System.err.println("not a port number: " + value);
            System.exit(2);
            return fallback;
        }
    }
}
