package org.w3id.rekg.cli;

import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.serve.Limits;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.jena.query.Dataset;
import org.w3id.rekg.serve.RekgServer;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rekg serve}: builds the graph if its inputs changed, then serves it with Fuseki. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Build the graph if its inputs changed, then serve it read-only with the Fuseki UI.",
                "  UI:          http://HOST:PORT/",
                "  SPARQL:      http://HOST:PORT/rekg/sparql   (default graph = union of all graphs)",
                "  graph store: http://HOST:PORT/rekg/get?graph=...   (read only)",
                "  entities:    http://HOST:PORT/id/...   (HTML, Turtle, JSON-LD or RDF/XML by Accept header)",
                "SPARQL Update, uploads and SERVICE calls are refused."},
        footer = {"", "Examples:", "  rekg serve", "  rekg serve --port 8080 --timeout 10",
                "  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s a <https://w3id.org/rekg/ontology#Mine> }' http://localhost:3030/rekg/sparql"})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Option(names = "--port", defaultValue = "3030", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Query timeout (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Option(names = "--max-rows", defaultValue = "10000", description = "Most rows a query may return (default: ${DEFAULT-VALUE}).")
    long maxRows;

    @Option(names = "--no-build", description = "Serve the store as it is, without checking the sources.")
    boolean noBuild;

    @Option(names = "--allow-service", paramLabel = "URL", description = "Allow SERVICE calls to this endpoint (repeatable). Default: none.")
    List<String> allowService = List.of();

    @Option(names = "--writable", description = "Also serve SPARQL Update and Graph Store writes at /rekg-write/update and /rekg-write/data, for --user only (HTTP basic authentication).")
    boolean writable;

    @Option(names = "--user", paramLabel = "NAME", description = "The user allowed to write (with --writable).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is that user's password (with --writable).")
    java.nio.file.Path passwordFile;

    @Option(names = "--public", description = "Allow --host to be an address beyond this machine (refused without it).")
    boolean publicAccess;

    @Option(names = "--behind-tls-proxy", description = "Say that a TLS reverse proxy is in front: needed for --writable with --public.")
    boolean behindTlsProxy;

    @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES", description = "Largest request body (default: ${DEFAULT-VALUE}; 413 beyond).")
    long maxBody;

    @Option(names = "--max-response", defaultValue = "268435456", paramLabel = "BYTES", description = "Largest response body (default: ${DEFAULT-VALUE}).")
    long maxResponse;

    @Option(names = "--min-rate", defaultValue = "512", paramLabel = "BYTES/S", description = "Slowest a client may send or read once a request started (default: ${DEFAULT-VALUE}; 0 = off).")
    long minRate;

    @Option(names = "--threads", defaultValue = "200", description = "Request threads (default: ${DEFAULT-VALUE}; with --public, at most 32 per client address).")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        String password = writePassword();
        Dataset ds = noBuild ? Store.openExisting(project.storeDir()) : Store.open(project.storeDir());
        if (!noBuild) {
            BuildService.Result r = new BuildService(project.layout(), msg -> out.println("  " + msg)).build(ds);
            out.printf("%s: %d quads in %d graphs (%d ms)%n", r.changed() ? "built" : "graph up to date", r.quads(), r.graphs().size(), r.millis());
        }
        RekgServer server;
        try {
            Limits limits = Limits.defaults().withMaxBodyBytes(maxBody).withMaxResponseBytes(maxResponse).withMinDataRate(minRate)
                    .withThreads(threads, Math.min(threads, Limits.defaults().perClientThreads()));
            server = RekgServer.create().dataset(ds).host(host).port(port)
                    .queryTimeout(Duration.ofSeconds(timeoutSeconds)).resultLimit(maxRows).allowService(allowService)
                    .writable(writable ? user : null, password).limits(limits)
                    .publicAccess(publicAccess).behindTlsProxy(behindTlsProxy)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new RekgException(ErrorCode.USAGE, e.getMessage());
        }
        server.start();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        if (writable) {
            out.println("Writes (user " + user + ", HTTP basic authentication): " + base + RekgServer.WRITE_DATASET + "/update and "
                    + base + RekgServer.WRITE_DATASET + "/data" + (base.startsWith("http://127.") || base.startsWith("http://[::1]") ? ""
                    : "  (plain HTTP: put a TLS proxy in front before exposing this)"));
        }
        out.println("REKG is served at " + base + "/  (SPARQL: " + server.sparqlUrl() + ")  Ctrl-C to stop.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** The write password, checked with the write options; null without --writable. */
    private String writePassword() {
        if (!writable) {
            if (user != null || passwordFile != null) {
                throw new RekgException(ErrorCode.USAGE, "--user and --password-file go with --writable");
            }
            return null;
        }
        if (user == null || passwordFile == null) {
            throw new RekgException(ErrorCode.USAGE, "--writable needs --user NAME and --password-file FILE:"
                    + " writes always require authentication" + (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")
                    ? "" : ", and " + host + " is not a loopback address"));
        }
        try {
            String first = java.nio.file.Files.readAllLines(passwordFile, java.nio.charset.StandardCharsets.UTF_8).stream()
                    .findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new RekgException(ErrorCode.USAGE, "the password file " + passwordFile + " is empty");
            }
            return first;
        } catch (java.io.IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
        }
    }
}
