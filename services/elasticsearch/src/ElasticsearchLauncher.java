import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Boots a real, single Elasticsearch 8.8 node in this JVM from the Maven Central jars, for tests.
 *
 * Usage: java [flags] -cp 'lib/*:classes' ElasticsearchLauncher HOME   (HOME = $SERVICES_HOME/elasticsearch)
 * Ports from ELASTICSEARCH_PORT (9200) and ELASTICSEARCH_TRANSPORT_PORT (9300); 127.0.0.1 only.
 *
 * Why not bin/elasticsearch: the distribution tarball is not on Maven Central. Node is built directly,
 * the way Elasticsearch's own MockNode does it, so what the real launcher adds is absent on purpose:
 * no jvm.options parsing, security manager, bootstrap checks, native controller or keystore. Only the
 * server's core features plus netty4 HTTP are there (no analysis-common, painless, ingest, x-pack).
 */
public final class ElasticsearchLauncher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int httpPort = Integer.parseInt(System.getenv().getOrDefault("ELASTICSEARCH_PORT", "9200"));
        int transportPort = Integer.parseInt(System.getenv().getOrDefault("ELASTICSEARCH_TRANSPORT_PORT", "9300"));
        for (String dir : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(dir)); // PluginsService scans modules/ and plugins/
        }

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "gateway-test")
            .put("node.name", "gateway-test-es")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            // Netty is the only HTTP/transport implementation we ship; say so explicitly.
            .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
            .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
            // A nearly full disk on a dev box or CI must not leave new shards unassigned (status red).
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        // What org.elasticsearch.bootstrap.Elasticsearch does before building a node: route
        // org.elasticsearch.logging and log4j through config/log4j2.properties (copied there by the script).
        PrintStream stdout = System.out; // LogConfigurator re-points System.out at a logger; keep the real one
        LogConfigurator.registerErrorListener();
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "gateway-test-es");
        LogConfigurator.setNodeName("gateway-test-es");
        LogConfigurator.configure(env, true);

        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class);
        Node node = new Node(env, s -> new ClasspathPluginsService(s, env, plugins), true) { };

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // SIGTERM / SIGINT: close the node (flushes, releases node.lock)
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                org.apache.logging.log4j.LogManager.shutdown(); // log4j's own shutdown hook is off (-Dlog4j.shutdownHookEnabled=false)
                stopped.countDown();
            }
        }, "elasticsearch-shutdown"));

        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        stdout.println("ELASTICSEARCH READY http://127.0.0.1:" + port);
        stdout.flush();
        stopped.await(); // the node's threads are daemons: keep the JVM alive until the hook has run
    }
}
