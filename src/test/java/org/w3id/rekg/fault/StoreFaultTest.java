package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.Isomorphism;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.cli.Main;

/**
 * A store folder that cannot be used (locked by another running process, read-only, a file in
 * the way, a full disk) gives error REKG-020 naming the folder and what to do, and leaves the
 * store as it was.
 */
class StoreFaultTest {

    private record Outcome(int status, String err) {}

    private static Outcome rekg(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        return new Outcome(status, err.toString());
    }

    private static String[] build(TestProject p, Path store) {
        return new String[] {"build", "--project", p.root().toString(), "--store", store.toString(), "-q"};
    }

    /** Builds the valid fixture, then changes a source so that the next build has something to write. */
    private static DatasetGraph builtThenChanged(TestProject p) {
        Outcome first = rekg(build(p, p.store()));
        assertEquals(0, first.status(), first.err());
        DatasetGraph before = Stores.snapshot(p.store());
        p.source("test.yaml", TestProject.VALID.replace("share: 40", "share: 45"));
        return before;
    }

    private static void assertStoreError(Outcome o, Path folder, String... says) {
        assertEquals(1, o.status(), o.err());
        assertTrue(o.err().contains("REKG-020"), () -> "error code REKG-020: " + o.err());
        assertTrue(o.err().contains(folder.toString()), () -> "names the folder " + folder + ": " + o.err());
        for (String s : says) {
            assertTrue(o.err().contains(s), () -> "says '" + s + "': " + o.err());
        }
    }

    @Test
    void storeLockedByAnotherRunningProcessIsRefusedAndUnchanged() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            DatasetGraph before = builtThenChanged(p);
            Outcome o;
            try (ChildJvm server = ChildJvm.rekg("serve", "--no-build", "--project", p.root().toString(),
                    "--store", p.store().toString(), "--port", "0")) {
                assertTrue(server.awaitLine(l -> l.contains("REKG is served at"), 120), server::output);
                o = rekg(build(p, p.store()));
                assertStoreError(o, p.store(), "in use by another running process", "pid " + server.pid(), "stop it");
            }
            assertTrue(Isomorphism.isomorphic(before, Stores.snapshot(p.store())), "the store is unchanged");
            // once the other process is gone the build goes through
            assertEquals(0, rekg(build(p, p.store())).status());
        }
    }

    @Test
    void readOnlyStoreFolderIsRefusedAndUnchanged() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            DatasetGraph before = builtThenChanged(p);
            List<Path> all;
            try (Stream<Path> files = Files.walk(p.store())) {
                all = files.toList();
            }
            boolean mountedReadOnly = false;
            try {
                for (Path f : all) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "r-xr-xr-x" : "r--r--r--"));
                }
                if (Files.isWritable(p.store())) {
                    // permissions do not bind root: make the folder read-only with a read-only bind mount instead
                    mountedReadOnly = run("mount", "--bind", "-o", "ro", p.store().toString(), p.store().toString());
                }
                assumeFalse(Files.isWritable(p.store()), "neither permissions nor a read-only mount can make the folder read-only here");
                assertStoreError(rekg(build(p, p.store())), p.store(), "not writable");
            } finally {
                if (mountedReadOnly) {
                    assertTrue(run("umount", p.store().toString()), "the read-only mount is removed");
                }
                for (Path f : all) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            assertTrue(Isomorphism.isomorphic(before, Stores.snapshot(p.store())), "the store is unchanged");
        }
    }

    @Test
    void storeFolderThatIsAFileIsRefused() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            Path file = p.root().resolve("not-a-folder");
            Files.writeString(file, "keep me");
            assertStoreError(rekg(build(p, file)), file, "--store");
            assertStoreError(rekg(build(p, file.resolve("store"))), file.resolve("store"), "--store");
            assertEquals("keep me", Files.readString(file), "the file in the way is untouched");
        }
    }

    @Test
    void unwritableFileInTheStoreIsRefusedAndUnchanged() throws Exception {
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            DatasetGraph before = builtThenChanged(p);
            // the lock file replaced by a folder: it cannot be written, whoever runs the build
            Path lock = p.store().resolve("tdb.lock");
            Files.delete(lock);
            Files.createDirectory(lock);
            try {
                assertStoreError(rekg(build(p, p.store())), p.store(), "--store");
            } finally {
                Files.delete(lock);
            }
            assertTrue(Isomorphism.isomorphic(before, Stores.snapshot(p.store())), "the store is unchanged");
        }
    }

    @Test
    void fullDiskDuringTheWriteChangesNothing() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs /dev/full (Linux), which answers every write with 'No space left on device'");
        try (TestProject p = TestProject.create().source("test.yaml", TestProject.VALID)) {
            DatasetGraph before = builtThenChanged(p);
            // The commit writes the transaction journal first: make that file a disk that is full.
            Path journal;
            try (Stream<Path> files = Files.walk(p.store())) {
                journal = files.filter(f -> f.getFileName().toString().equals("journal.jrnl")).findFirst().orElseThrow();
            }
            Files.delete(journal);
            Files.createSymbolicLink(journal, full);
            try (ChildJvm child = ChildJvm.rekg(build(p, p.store()))) {
                // in a child JVM, so that the check below opens the store afresh, as the next start would
                int status = child.awaitExit(120);
                assertStoreError(new Outcome(status, child.output()), p.store(), "nothing was changed", "disk full");
            } finally {
                Files.delete(journal);
                Files.createFile(journal);
            }
            assertTrue(Isomorphism.isomorphic(before, Stores.snapshot(p.store())), "the store is unchanged");
        }
    }

    /** Runs a system command; true when it exits 0 within 20 s. */
    private static boolean run(String... command) throws Exception {
        try {
            Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && proc.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
