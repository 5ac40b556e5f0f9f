package dev.artifactcache.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;

/** The options every client command shares: where the service is, its write token, JSON output. */
final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL", converter = ServerUrl.class,
            description = "the service (default: ${DEFAULT-VALUE}, from server.host and server.port)")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the write token, when the service needs one (default: ARTIFACT_CACHE_TOKEN, else "
                    + "security.write-token; prefer the variable, an option shows in the process list)")
    String token;

    @Option(names = "--json", description = "print the service's JSON for scripts instead of text")
    boolean json;

    ServiceClient client(Duration timeout) {
        return new ServiceClient(server, token, timeout);
    }

    /** An http(s) address with a host, without a trailing slash. */
    static final class ServerUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String text) {
            URI uri;
            try {
                uri = URI.create(text.strip().replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new CommandLine.TypeConversionException("\"" + text + "\" is not the service's address; "
                        + "write it as http://HOST:PORT, e.g. http://127.0.0.1:8080");
            }
            return uri;
        }
    }
}
