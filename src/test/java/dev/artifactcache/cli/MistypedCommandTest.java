package dev.artifactcache.cli;

import org.junit.jupiter.api.Test;

/** A mistyped command or option is a usage error that names the nearest ones. */
class MistypedCommandTest {

    @Test
    void aMistypedCommandSuggestsTheNearest() {
        Cli.run("serch", "pdf").assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "Unknown command: 'serch'; did you mean search or serve? (see: artifact-cache --help)");
        Cli.run("hook", "instal").assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "Unknown command: 'instal'; did you mean install or uninstall? (see: artifact-cache hook --help)");
    }

    @Test
    void aMistypedOptionSuggestsTheNearest() {
        Cli.run("search", "--limt", "5").assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "Unknown option: '--limt'; did you mean --limit? (see: artifact-cache search --help)");
    }
}
