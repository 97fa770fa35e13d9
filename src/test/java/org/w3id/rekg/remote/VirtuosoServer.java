package org.w3id.rekg.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Virtuoso (the Debian {@code virtuoso-opensource} package's {@code virtuoso-t}) in a
 * temporary folder of its own, its SQL and HTTP ports bound to 127.0.0.1 on free ports; never the
 * system service. {@link #close()} stops it and deletes the folder.
 */
public final class VirtuosoServer implements AutoCloseable {
    public static final String PASSWORD = "dba";
    private final Path dir;
    private final int sqlPort;
    private final int httpPort;
    private Process process;

    private VirtuosoServer(Path dir, int sqlPort, int httpPort) {
        this.dir = dir;
        this.sqlPort = sqlPort;
        this.httpPort = httpPort;
    }

    /** Whether virtuoso-t is installed. */
    public static boolean installed() {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "virtuoso-t")));
    }

    /**
     * Skips the calling test when virtuoso-t is missing, or fails it under {@code CI=true} (CI
     * installs the package, so its absence there is an error).
     */
    public static void assumeInstalled() {
        if (!installed()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but virtuoso-t is not installed (apt-get install -y virtuoso-opensource)");
            }
            System.err.println("SKIPPED: the Virtuoso tests (VirtuosoIT): virtuoso-t is not installed; apt-get install virtuoso-opensource to run them");
            Assumptions.abort("virtuoso-t is not installed: the Virtuoso tests are skipped (apt-get install virtuoso-opensource to run them)");
        }
    }

    /** Starts a fresh server and waits until its SPARQL endpoint answers. */
    public static VirtuosoServer start() {
        try {
            Path dir = Files.createTempDirectory("rekg-virtuoso-");
            VirtuosoServer v = new VirtuosoServer(dir, freePort(), freePort());
            Files.writeString(dir.resolve("virtuoso.ini"), v.ini(), StandardCharsets.UTF_8);
            v.launch();
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        Files.deleteIfExists(dir.resolve("virtuoso.lck"));
        process = new ProcessBuilder("virtuoso-t", "-f", "-c", dir.resolve("virtuoso.ini").toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("virtuoso-t stopped: " + Files.readString(dir.resolve("console.log")));
            }
            if (answers()) {
                return;
            }
            sleep(300);
        }
        throw new IllegalStateException("virtuoso-t did not answer within 180 s: " + Files.readString(dir.resolve("console.log")));
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/sparql?query=ASK%7B%7D").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's HTTP root, e.g. http://127.0.0.1:41234. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path dir() {
        return dir;
    }

    /** Kills the server (SIGKILL, no checkpoint), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same folder and ports (it recovers from its transaction log). */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs SQL statements with isql-vt as dba; returns the output. */
    public String isql(String statements) {
        return isql(List.of("VERBOSE=OFF", "exec=" + statements));
    }

    /** Runs an isql script file (such as the one {@code rekg export --for virtuoso} writes) as dba. */
    public String isqlFile(Path script) {
        return isql(List.of(script.toString()));
    }

    private String isql(List<String> args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("isql-vt", "127.0.0.1:" + sqlPort, "dba", PASSWORD));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || out.contains("*** Error")) {
                throw new IllegalStateException("isql failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private String ini() {
        String d = dir.toString();
        return String.join("\n", List.of(
                "[Database]", "DatabaseFile = " + d + "/virtuoso.db", "ErrorLogFile = " + d + "/virtuoso.log",
                "LockFile = " + d + "/virtuoso.lck", "TransactionFile = " + d + "/virtuoso.trx", "xa_persistent_file = " + d + "/virtuoso.pxa",
                "ErrorLogLevel = 7", "FileExtend = 200", "MaxCheckpointRemap = 2000", "Striping = 0", "TempStorage = TempDatabase",
                "[TempDatabase]", "DatabaseFile = " + d + "/virtuoso-temp.db", "TransactionFile = " + d + "/virtuoso-temp.trx",
                "MaxCheckpointRemap = 2000", "Striping = 0",
                "[Parameters]", "ServerPort = 127.0.0.1:" + sqlPort, "DisableUnixSocket = 1", "DisableTcpSocket = 0",
                "MaxClientConnections = 10", "CheckpointInterval = 60", "CaseMode = 2", "DirsAllowed = ., " + d,
                "NumberOfBuffers = 170000", "MaxDirtyBuffers = 130000", "MaxQueryMem = 500M", "ThreadsPerQuery = 2",
                "[HTTPServer]", "ServerPort = 127.0.0.1:" + httpPort, "ServerRoot = " + d, "MaxClientConnections = 10",
                "ServerThreads = 10", "Charset = UTF-8", "EnabledGzipContent = 0",
                "[SPARQL]", "ResultSetMaxRows = 1000000", "MaxQueryExecutionTime = 300", "MaxQueryCostEstimationTime = 400", ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
