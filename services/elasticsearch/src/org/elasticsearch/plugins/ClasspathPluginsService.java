package org.elasticsearch.plugins;

import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.ArrayList;
import java.util.List;

/**
 * A PluginsService whose plugins are classes already on the JVM classpath, not bundles unpacked under
 * $ES_HOME/modules (Maven Central has no module zips, and no plugin-descriptor.properties).
 *
 * Same idea as MockPluginsService in Elasticsearch's test framework (not published for 8.x either):
 * the real service scans the (empty) modules/ and plugins/ directories, and plugins() is overridden to
 * hand the node our instances. It has to live in org.elasticsearch.plugins because LoadedPlugin and
 * loadPlugin() are package-private; on the classpath (unnamed module, one class loader, jar not sealed)
 * a second jar may add classes to that package.
 */
public final class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Environment env, List<Class<? extends Plugin>> classes) {
        super(settings, env.configFile(), env.modulesFile(), env.pluginsFile());
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> c : classes) {
            PluginDescriptor descriptor = new PluginDescriptor(
                c.getSimpleName(), "classpath plugin", Version.CURRENT.toString(), Version.CURRENT,
                Integer.toString(Runtime.version().feature()), c.getName(), null, List.of(),
                false, false, false, false);
            loaded.add(new LoadedPlugin(descriptor, loadPlugin(c, settings, env.configFile())));
        }
        this.classpathPlugins = List.copyOf(loaded);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        // Report them as modules, which is what transport-netty4 is in a real distribution.
        return new PluginsAndModules(List.of(), classpathPlugins.stream().map(LoadedPlugin::descriptor).toList());
    }
}
