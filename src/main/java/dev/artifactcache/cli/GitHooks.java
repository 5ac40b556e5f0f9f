package dev.artifactcache.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The hook block in the git hooks of a repository: where git keeps them, adding and removing the block. */
final class GitHooks {

    /**
     * After {@code git pull} or {@code merge}, a {@code checkout} or {@code switch}, and a rebase
     * ({@code pull --rebase}): the git commands that change the files of a collection.
     */
    static final List<String> NAMES = List.of("post-merge", "post-checkout", "post-rewrite");

    /** What happened to one hook file. */
    enum Change {
        CREATED("created"),
        ADDED("block added to the hook's own lines"),
        UPDATED("block updated"),
        UNCHANGED("already installed"),
        REMOVED("block removed, the hook's own lines kept"),
        DELETED("deleted (it held only the block)"),
        ABSENT("not installed");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private GitHooks() {
    }

    /**
     * The folder git runs the hooks of {@code folder}'s own repository from ({@code core.hooksPath} if set).
     * A folder inside another repository (a collection kept in a source checkout) is refused: its hooks
     * would be that repository's, run for changes that are not the collection's.
     *
     * @param gitDir a repository named on purpose ({@code --git-dir}), or null for {@code folder}'s own
     * @throws CommandFailure when git is missing, or the folder is not a repository's top and no gitDir is named
     */
    static Path hooksFolder(Path folder, Path gitDir) {
        if (gitDir != null) {
            String hooks = git(folder, "--git-dir=" + gitDir.toAbsolutePath(), "rev-parse", "--git-path", "hooks")
                    .orElseThrow(why -> CommandFailure.usage("--git-dir " + gitDir + " is not a git repository (" + why + ")"));
            return folder.resolve(hooks).normalize();
        }
        String output = git(folder, "rev-parse", "--show-toplevel", "--git-path", "hooks")
                .orElseThrow(why -> notRepository(folder, why));
        List<String> lines = output.lines().toList();
        if (!isSameFolder(Path.of(lines.get(0)), folder)) {
            throw notRepository(folder, "it lies inside the repository " + lines.get(0));
        }
        return folder.resolve(lines.get(1)).normalize();
    }

    private static CommandFailure notRepository(Path folder, String why) {
        return CommandFailure.usage(folder + " is not a git repository (" + why + "); clone the collection there or run "
                + "git init in it, or name the repository whose hooks to use with --git-dir");
    }

    private static boolean isSameFolder(Path top, Path folder) {
        try {
            return top.toRealPath().equals(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** What git printed, or why it failed (its first line). */
    private static GitOutput git(Path folder, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            boolean ok = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            return new GitOutput(ok, ok ? output : output.lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw CommandFailure.failed("cannot run git (" + e.getMessage() + "); the hooks need git on the PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while asking git for the hooks folder");
        }
    }

    /** Git's output when it succeeded, else its reason. */
    private record GitOutput(boolean ok, String text) {
        String orElseThrow(Function<String, CommandFailure> failure) {
            if (!ok) {
                throw failure.apply(text);
            }
            return text;
        }
    }

    /**
     * Puts the block into each hook, creating the hooks that do not exist. Every hook is checked
     * before any is written, so an install that cannot be done changes nothing.
     */
    static Map<String, Change> install(Path hooks, HookBlock block) throws IOException {
        for (String name : NAMES) {
            Path file = hooks.resolve(name);
            if (Files.exists(file) && !HookBlock.isShellScript(read(file))) {
                throw CommandFailure.failed(file + " is not a shell script, so the block cannot go into it; make it "
                        + "run this command itself: " + block.command());
            }
        }
        Files.createDirectories(hooks);
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String name : NAMES) {
            Path file = hooks.resolve(name);
            String before = Files.exists(file) ? read(file) : "";
            String after = block.into(before);
            Change change = before.isEmpty() ? Change.CREATED : before.equals(after) ? Change.UNCHANGED
                    : HookBlock.isIn(before, block.collection()) ? Change.UPDATED : Change.ADDED;
            if (change != Change.UNCHANGED) {
                Files.writeString(file, after, StandardCharsets.UTF_8);
            }
            makeExecutable(file);
            changes.put(name, change);
        }
        return changes;
    }

    /** Takes the collection's block out of each hook, deleting a hook that held nothing else. */
    static Map<String, Change> uninstall(Path hooks, String collection) throws IOException {
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String name : NAMES) {
            Path file = hooks.resolve(name);
            String before = Files.exists(file) ? read(file) : "";
            if (!HookBlock.isIn(before, collection)) {
                changes.put(name, Change.ABSENT);
                continue;
            }
            String after = HookBlock.without(before, collection);
            if (HookBlock.isEmptyScript(after)) {
                Files.delete(file);
                changes.put(name, Change.DELETED);
            } else {
                Files.writeString(file, after, StandardCharsets.UTF_8);
                changes.put(name, Change.REMOVED);
            }
        }
        return changes;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Git skips a hook that is not executable: execute permission wherever there is read permission. */
    private static void makeExecutable(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        if (permissions.contains(PosixFilePermission.GROUP_READ)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(file, permissions);
    }
}
