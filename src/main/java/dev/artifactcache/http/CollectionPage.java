package dev.artifactcache.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * The collection page: plain HTML, CSS and JavaScript modules from the classpath folder {@code web/},
 * served at {@value #PATH} (the page) and below it (its files); {@code /} redirects to the page.
 * The page reads all of its data from the JSON API.
 */
public final class CollectionPage implements HttpService {

    public static final String PATH = "/collection";
    private static final String CLASSPATH_FOLDER = "web";
    private static final String PAGE_FILE = "index.html";
    /**
     * The page only talks to its own origin and never evaluates strings as code, so a strict policy
     * costs nothing and limits what a hostile artifact description could do if a bug let it through.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final StaticContentService files = StaticContentService.builder(CLASSPATH_FOLDER)
            .welcomeFileName(PAGE_FILE)
            // The page's own address has no trailing slash: serve it there rather than redirect.
            .pathMapper(path -> path.isEmpty() ? PAGE_FILE : path)
            .build();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::redirectToPage)
                .get(PATH, this::revalidateEveryTime)
                .get(PATH + "/*", this::revalidateEveryTime)
                .register(PATH, files);
    }

    private void redirectToPage(ServerRequest req, ServerResponse res) {
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, PATH).send();
    }

    /**
     * The files have no fingerprint in their names (there is no build step to add one), so a
     * browser may keep them but must ask again each time; the ETag / Last-Modified answer to that
     * question is a cheap 304.
     */
    private void revalidateEveryTime(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache"));
        res.header(HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff"));
        res.header(HeaderValues.create(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY));
        res.next();
    }
}
