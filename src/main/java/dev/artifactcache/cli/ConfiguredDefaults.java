package dev.artifactcache.cli;

import dev.artifactcache.Main;
import dev.artifactcache.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Option defaults taken from the service's own configuration (the configuration file, then the
 * environment), so that with no option a client calls the address the service listens on, and
 * {@code serve --help} shows the values the service would use. Read once, on first use.
 */
final class ConfiguredDefaults implements CommandLine.IDefaultValueProvider {

    private final Supplier<Config> source;
    private final Map<String, String> env;
    private Config config;
    private Settings settings;

    ConfiguredDefaults(Supplier<Config> source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case "--server" -> serverUrl();
            case "--token" -> settings().writeToken();
            case "--home" -> settings().home().toString();
            case "--data" -> settings().dataFolder().toString();
            case "--host" -> Main.host(config());
            case "--port" -> String.valueOf(Main.port(config()));
            default -> null;
        };
    }

    /** Where the configured service listens, as a client reaches it: a wildcard address means this machine. */
    String serverUrl() {
        String host = switch (Main.host(config())) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> Main.host(config());
        };
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + Main.port(config());
    }

    private Config config() {
        if (config == null) {
            try {
                config = source.get();
            } catch (ConfigException e) {
                throw wrongConfiguration(e);
            }
        }
        return config;
    }

    private Settings settings() {
        if (settings == null) {
            try {
                settings = Settings.from(config(), env);
            } catch (IllegalArgumentException | ConfigException e) {
                throw wrongConfiguration(e);
            }
        }
        return settings;
    }

    private static CommandFailure wrongConfiguration(RuntimeException e) {
        return CommandFailure.usage("the configuration (ARTIFACT_CACHE_CONFIG, else etc/application.yaml, and the "
                + "environment) is wrong: " + e.getMessage().replaceAll("\\s+", " ")); // YAML errors span lines
    }
}
