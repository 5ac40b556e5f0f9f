package dev.artifactcache.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code generate}: writes a synthetic SkillMeat home that anyone can reproduce from the same options. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a deterministic synthetic SkillMeat home (config.toml, collections with collection.toml, "
                + "collection.lock and artifact files). Same options, same bytes.")
public final class Generate implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, description = "Folder to write the home into; must be new or empty.")
    Path output;

    @Option(names = {"-n", "--artifacts"}, defaultValue = "1000", description = "Artifacts in the whole home (default ${DEFAULT-VALUE}).")
    int artifacts;

    @Option(names = {"-s", "--seed"}, defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-c", "--collections"}, defaultValue = "1",
            description = "Collections to split the artifacts over: default, work, team, ... (default ${DEFAULT-VALUE}).")
    int collections;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Generate()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        HomeGenerator.GeneratedHome home = HomeGenerator.generate(output, new HomeGenerator.Spec(artifacts, seed, collections));
        System.out.printf("wrote %d artifacts in %d collection(s) to %s: %s; %d without frontmatter, %d with lenient YAML; "
                        + "%.1f MB in %d ms%n",
                artifacts, collections, output.toAbsolutePath(), home.perType(), home.withoutFrontmatter(),
                home.lenientFrontmatter(), home.bytes() / 1e6, (System.nanoTime() - started) / 1_000_000);
        System.out.println("SKILLMEAT_HOME=" + output.toAbsolutePath());
        return 0;
    }
}
