package org.w3id.rekg.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code rekg} run as a child JVM with the test classpath, its output (stdout and stderr merged)
 * read line by line so that a test can wait for a step and then kill it. Closing it kills it.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "child-jvm-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The classpath of this test run (surefire passes the real one beside its booter jar). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Starts {@code java -cp <test classpath> org.w3id.rekg.cli.Main args...}. */
    public static ChildJvm rekg(String... args) {
        return start("org.w3id.rekg.cli.Main", args);
    }

    /** Starts {@code java -cp <test classpath> mainClass args...}. */
    public static ChildJvm start(String mainClass, String... args) {
        return start(List.of(), mainClass, args);
    }

    /** Starts {@code rekg args...} with extra JVM options such as {@code -Drekg.failpoint=links}. */
    public static ChildJvm rekgWith(List<String> jvmOptions, String... args) {
        return start(jvmOptions, "org.w3id.rekg.cli.Main", args);
    }

    private static ChildJvm start(List<String> jvmOptions, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath(), mainClass));
        cmd.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was killed
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /**
     * Waits until the child prints a line matching {@code wanted} (true), or ends or
     * {@code limitSeconds} pass (false). The limit only bounds a hung child; it measures nothing.
     */
    public boolean awaitLine(Predicate<String> wanted, long limitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return false;
                }
                lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Waits for the child to end by itself (at most {@code limitSeconds}) and returns its exit status. */
    public int awaitExit(long limitSeconds) throws InterruptedException {
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("the child did not end within " + limitSeconds + " s:\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** {@code kill -9}: ends the child at once, without shutdown hooks, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5000);
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the child printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
