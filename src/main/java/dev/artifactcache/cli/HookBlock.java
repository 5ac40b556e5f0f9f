package dev.artifactcache.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The block {@code hook install} writes into a git hook script: marked lines that refresh one
 * collection. The hook's own lines are left as they are, so uninstalling gives back the script
 * exactly as it was; each collection has its own block, so several can share one repository.
 *
 * @param collection the collection the hook refreshes
 * @param launcher   the launcher script the hook runs
 * @param server     the service the hook calls, or null for the configured one (read when the hook runs)
 */
record HookBlock(String collection, Path launcher, URI server) {

    static final String SHEBANG = "#!/bin/sh";
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash");

    /** The block's lines. {@code || true}: a hook's status becomes git checkout's, which must not fail for the cache. */
    List<String> lines() {
        return List.of(begin(collection),
                "# Refreshes the collection in the artifact cache after git changed its files; never fails git.",
                "# Written by \"artifact-cache hook install\"; \"artifact-cache hook uninstall\" removes it.",
                command() + " || true",
                end(collection));
    }

    /** The command the hook runs, as sh reads it. */
    String command() {
        return quoted(launcher.toString()) + " refresh --collection " + quoted(collection)
                + (server == null ? "" : " --server " + quoted(server.toString())) + " --hook";
    }

    /**
     * {@code script} with this block: in place of the collection's earlier block, else right after
     * the first line ({@code #!}), before any {@code exit} of the hook's own lines. An empty
     * script becomes a new shell script.
     */
    String into(String script) {
        if (script.isBlank()) {
            return SHEBANG + "\n" + String.join("\n", lines()) + "\n";
        }
        List<String> lines = split(script);
        int[] block = find(lines, collection);
        if (block != null) {
            lines.subList(block[0], block[1] + 1).clear();
            lines.addAll(block[0], lines());
        } else {
            lines.addAll(lines.getFirst().startsWith("#!") ? 1 : 0, lines());
        }
        return String.join("\n", lines);
    }

    /** {@code script} without the collection's block, exactly as it was before {@link #into}. */
    static String without(String script, String collection) {
        List<String> lines = split(script);
        int[] block = find(lines, collection);
        if (block != null) {
            lines.subList(block[0], block[1] + 1).clear();
        }
        return String.join("\n", lines);
    }

    static boolean isIn(String script, String collection) {
        return find(split(script), collection) != null;
    }

    /** Whether nothing but a {@code #!} line is left: a hook only install had written. */
    static boolean isEmptyScript(String script) {
        return split(script).stream().map(String::strip).filter(line -> !line.isEmpty()).allMatch(line -> line.startsWith("#!"));
    }

    /** Whether a hook is a shell script the block can go into: {@code #!/bin/sh}, {@code #!/usr/bin/env bash}, or no {@code #!}. */
    static boolean isShellScript(String script) {
        String first = split(script).getFirst().strip();
        if (!first.startsWith("#!")) {
            return true;
        }
        List<String> words = Arrays.stream(first.substring(2).strip().split("\\s+")).toList();
        String program = Path.of(words.getFirst()).getFileName().toString();
        if (program.equals("env")) {
            program = words.stream().skip(1).filter(word -> !word.startsWith("-")).findFirst().orElse("");
        }
        return SHELLS.contains(program);
    }

    /** The first and last line of the collection's block, or null when there is none. */
    private static int[] find(List<String> lines, String collection) {
        int first = lines.indexOf(begin(collection));
        if (first < 0) {
            return null;
        }
        int last = lines.subList(first, lines.size()).indexOf(end(collection));
        if (last < 0) {
            throw CommandFailure.failed("a hook has the line \"" + begin(collection) + "\" but not \"" + end(collection)
                    + "\" after it; remove what is left of the block by hand");
        }
        return new int[] {first, first + last};
    }

    private static String begin(String collection) {
        return "# >>> artifact-cache: collection \"" + collection + "\" >>>";
    }

    private static String end(String collection) {
        return "# <<< artifact-cache: collection \"" + collection + "\" <<<";
    }

    private static List<String> split(String script) {
        return new ArrayList<>(Arrays.asList(script.split("\n", -1)));
    }

    /** In single quotes for sh, so spaces and $ in paths stay as they are. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
