package dev.artifactcache.cli;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The marked block in a hook script: where it goes, what stays, which scripts can take it. */
class HookBlockTest {

    private static final HookBlock DEFAULT = new HookBlock("default", Path.of("/opt/artifact cache/etc/artifact-cache"), null);
    private static final String DEFAULT_LINES = """
            # >>> artifact-cache: collection "default" >>>
            # Refreshes the collection in the artifact cache after git changed its files; never fails git.
            # Written by "artifact-cache hook install"; "artifact-cache hook uninstall" removes it.
            '/opt/artifact cache/etc/artifact-cache' refresh --collection 'default' --hook || true
            # <<< artifact-cache: collection "default" <<<
            """;

    @Test
    void anEmptyHookBecomesAShellScriptWithTheBlock() {
        assertEquals("#!/bin/sh\n" + DEFAULT_LINES, DEFAULT.into(""));
    }

    @Test
    void theBlockGoesRightAfterTheShebangSoAnExitInTheHookDoesNotSkipIt() {
        String own = "#!/usr/bin/env bash\nset -e\nnpm install\nexit 0\n";

        String installed = DEFAULT.into(own);

        assertEquals("#!/usr/bin/env bash\n" + DEFAULT_LINES + "set -e\nnpm install\nexit 0\n", installed);
        assertEquals(own, HookBlock.without(installed, "default"));
    }

    @Test
    void installingAgainReplacesTheBlockInPlace() {
        String once = DEFAULT.into("#!/bin/sh\necho before\n");
        HookBlock pinned = new HookBlock("default", Path.of("/x/etc/artifact-cache"), URI.create("http://10.0.0.5:8080"));

        String twice = pinned.into(once);

        assertEquals(twice, pinned.into(twice));
        assertEquals("""
                #!/bin/sh
                # >>> artifact-cache: collection "default" >>>
                # Refreshes the collection in the artifact cache after git changed its files; never fails git.
                # Written by "artifact-cache hook install"; "artifact-cache hook uninstall" removes it.
                '/x/etc/artifact-cache' refresh --collection 'default' --server 'http://10.0.0.5:8080' --hook || true
                # <<< artifact-cache: collection "default" <<<
                echo before
                """, twice);
    }

    @Test
    void eachCollectionHasItsOwnBlock() {
        HookBlock work = new HookBlock("work", DEFAULT.launcher(), null);
        String both = work.into(DEFAULT.into("#!/bin/sh\n"));

        assertTrue(HookBlock.isIn(both, "default"));
        assertTrue(HookBlock.isIn(both, "work"));
        String onlyDefault = HookBlock.without(both, "work");
        assertEquals(DEFAULT.into("#!/bin/sh\n"), onlyDefault);
        assertTrue(HookBlock.isEmptyScript(HookBlock.without(onlyDefault, "default")));
    }

    @Test
    void aHookWithoutTrailingNewlineOrShebangKeepsItsText() {
        assertEquals("echo hi", HookBlock.without(DEFAULT.into("echo hi"), "default"));
        assertTrue(DEFAULT.into("echo hi").startsWith("# >>> artifact-cache"));
    }

    @Test
    void quotingKeepsQuotesAndDollarsLiteral() {
        assertEquals("'it'\\''s $HOME'", HookBlock.quoted("it's $HOME"));
    }

    @Test
    void onlyShellScriptsCanTakeTheBlock() {
        assertTrue(HookBlock.isShellScript("#!/bin/sh\n"));
        assertTrue(HookBlock.isShellScript("#!/bin/bash -e\n"));
        assertTrue(HookBlock.isShellScript("#!/usr/bin/env -S bash -e\n"));
        assertTrue(HookBlock.isShellScript("echo no shebang\n"));
        assertFalse(HookBlock.isShellScript("#!/usr/bin/env python3\nprint('hi')\n"));
        assertFalse(HookBlock.isShellScript("#!/usr/bin/node\n"));
    }

    @Test
    void aBlockWhoseEndWasDeletedIsReportedNotGuessed() {
        String broken = "#!/bin/sh\n# >>> artifact-cache: collection \"default\" >>>\necho mine\n";

        CommandFailure failure = assertThrows(CommandFailure.class, () -> HookBlock.without(broken, "default"));

        assertEquals(ExitStatus.FAILED, failure.exitStatus());
    }
}
