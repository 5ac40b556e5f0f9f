package dev.artifactcache.cli;

import dev.artifactcache.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs the service in the foreground until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the service (the default command).", "",
                "Serves the HTTP API over the SkillMeat home until stopped (Ctrl-C), kept fresh by a file watcher "
                        + "and a refresher. The options override the configuration file and the environment; the "
                        + "defaults shown come from them."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", description = "SkillMeat home, holding config.toml and collections/ (default: ${DEFAULT-VALUE})")
    Path home;

    @Option(names = "--data", paramLabel = "DIR", description = "folder of the H2 file and the Lucene index (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--host", paramLabel = "HOST", description = "listen address; any but loopback needs a write token (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "listen port, 0 for a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SKILLMEAT_HOME", home.toString());
        env.put("ARTIFACT_CACHE_DATA", data.toString());
        return Main.serve(Main.config(Map.of("server.host", host, "server.port", String.valueOf(port))), env,
                spec.commandLine().getErr());
    }
}
