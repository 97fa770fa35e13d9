package org.w3id.rekg.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * A child JVM started for a cold-start measurement, its output kept in a log file; closing it
 * stops it (destroy, then destroyForcibly) and waits for it to end.
 */
final class JvmProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final long startNanos;

    private JvmProcess(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    /** The {@code java} of the running JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code command}; the clock of {@link #elapsedMillis()} starts just before the process does. */
    static JvmProcess start(List<String> command, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        long t0 = System.nanoTime();
        try {
            return new JvmProcess(pb.start(), log, t0);
        } catch (IOException e) {
            throw new RekgException(ErrorCode.SERVER, "cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code command} to its end (at most {@code limit}) and returns its wall time in ms; fails on a non-zero exit. */
    static double runToEnd(List<String> command, Path log, Duration limit) {
        try (JvmProcess p = start(command, log)) {
            if (!p.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RekgException(ErrorCode.SERVER, "gave up after " + limit.toSeconds() + " s: " + String.join(" ", command));
            }
            double ms = p.elapsedMillis();
            if (p.process.exitValue() != 0) {
                throw new RekgException(ErrorCode.SERVER, "exit status " + p.process.exitValue() + " from "
                        + String.join(" ", command) + "\n" + p.logTail());
            }
            return ms;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RekgException(ErrorCode.SERVER, "interrupted", e);
        }
    }

    double elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /**
     * Polls {@code sparqlUrl} with {@code ASK {}} every 20 ms until it answers 200 and returns the
     * time from process start to that answer, in ms. Fails if the process ends or after {@code limit}.
     */
    double untilFirstAnswer(HttpClient http, String sparqlUrl, Duration limit) {
        HttpRequest ask = HttpRequest.newBuilder(URI.create(sparqlUrl + "?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json").timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = startNanos + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(ask, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return elapsedMillis();
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RekgException(ErrorCode.SERVER, "interrupted", e);
            }
            if (!process.isAlive()) {
                throw new RekgException(ErrorCode.SERVER, "the server process ended (status " + process.exitValue()
                        + ") before answering " + sparqlUrl + "\n" + logTail());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RekgException(ErrorCode.SERVER, "interrupted", e);
            }
        }
        throw new RekgException(ErrorCode.SERVER, "no answer from " + sparqlUrl + " after " + limit.toSeconds() + " s\n" + logTail());
    }

    /** The last lines the process wrote. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no output)";
        }
    }

    /** A free TCP port on the loopback interface. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new RekgException(ErrorCode.SERVER, "no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** {@code java} and the JVM options every child gets. */
    static List<String> javaCommand(List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions);
        return cmd;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
