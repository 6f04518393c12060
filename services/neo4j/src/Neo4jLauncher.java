import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Runs a throw-away Neo4j 5 (community, in-process, via neo4j-harness) for local tests.
 *
 * <pre>java Neo4jLauncher WORKING_DIR [BOLT_PORT]</pre>
 *
 * BOLT_PORT defaults to $NEO4J_PORT, then 7687. HTTP is off unless $NEO4J_HTTP_PORT is set.
 * Everything listens on 127.0.0.1 only. Authentication is disabled (the harness default), so
 * any user/password a client sends is accepted.
 *
 * The harness puts the database in a fresh random folder under WORKING_DIR and deletes it on
 * close: every start is an empty database. Prints "NEO4J READY bolt://127.0.0.1:PORT" once
 * Bolt accepts connections, then runs until SIGTERM/SIGINT, which shuts Neo4j down cleanly.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: Neo4jLauncher WORKING_DIR [BOLT_PORT]");
            System.exit(2);
        }
        Path workingDir = Path.of(args[0]).toAbsolutePath();
        int boltPort = port(args.length > 1 ? args[1] : System.getenv("NEO4J_PORT"), 7687);
        String httpPortEnv = System.getenv("NEO4J_HTTP_PORT");

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(workingDir)
                .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .withConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports
                // Bolt's Netty event loops otherwise idle 5 s each (twice) before a stop completes.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        if (httpPortEnv == null || httpPortEnv.isBlank()) {
            builder = builder.withDisabledServer(); // no HTTP/HTTPS: Bolt only, less memory
        } else {
            builder = builder.withConfig(HttpConnector.listen_address,
                    new SocketAddress(HOST, port(httpPortEnv, 7474)));
        }

        final Neo4j neo4j;
        try {
            neo4j = builder.build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("NEO4J FAILED " + e);
            System.exit(1);
            return;
        }

        // SIGTERM/SIGINT run the shutdown hooks: stop the database before the JVM exits.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J STOPPING");
            try {
                neo4j.close();
            } finally {
                System.out.println("NEO4J STOPPED");
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        URI bolt = URI.create("bolt://" + HOST + ":" + boltPort);
        System.out.println("NEO4J READY " + bolt);
        System.out.flush();
        stopped.await(); // stay alive until the shutdown hook has run
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
