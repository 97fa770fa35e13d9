package org.w3id.rekg.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.query.QueryException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.apache.jena.sparql.exec.http.UpdateExecHTTP;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * One remote triple store, reached through the endpoints of its {@link StoreKind}: lists REKG's
 * graphs ({@code SELECT DISTINCT ?g}, never the store's own system graphs), reads one graph at a
 * time, writes a graph as a streamed N-Triples body, runs queries over REKG's graphs only and
 * updates; literals the store alters are given back as written ({@link StoreLiterals}). Credentials come from {@code --remote-user} and {@code --password-file} (or the URL's
 * user information) and never appear in a message: every URL shown is {@link #display()}.
 * Every failure is a {@link RekgException} with the store's response body (shortened), the graphs
 * this run already wrote and how to repair.
 *
 * <pre>{@code
 * RemoteStore s = RemoteStore.open("http://127.0.0.1:8890", "virtuoso", "dba", Path.of("pw.txt"));
 * List<Node> graphs = s.rekgGraphs();
 * }</pre>
 */
public final class RemoteStore {
    /** The namespace of REKG's graph names; graphs outside it are never read or written. */
    public static final String REKG_GRAPHS = Rekg.GRAPH;

    private final String url;
    private final StoreKind kind;
    private final StoreKind.Endpoints endpoints;
    private final String secret;
    private final GraphStoreClient graphStore;
    private final List<String> written = new ArrayList<>();
    private String repair = "run the same command again";

    RemoteStore(String url, StoreKind kind, String user, String password) {
        this.url = url;
        this.kind = kind;
        this.secret = password;
        this.endpoints = kind.endpoints(url, user != null);
        this.graphStore = new GraphStoreClient(endpoints.graphStore(), user, password);
        if (user != null) {
            AuthEnv.get().registerUsernamePassword(URI.create(root(url)), user, password == null ? "" : password);
        }
    }

    /**
     * The store at {@code url} (user information in it is taken as credentials and removed), of the
     * kind named (or detected when null), with the password read from {@code passwordFile}.
     */
    public static RemoteStore open(String url, String kindName, String user, Path passwordFile) {
        if (url == null || !url.matches("(?i)https?://\\S+")) {
            throw new RekgException(ErrorCode.USAGE, "--remote needs the http(s) URL of a store, e.g. http://localhost:3030/ds/data"
                    + " or http://localhost:8890; got '" + redact(url) + "'");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RekgException(ErrorCode.USAGE, "--remote: not a URL: '" + redact(url) + "'");
        }
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = user != null ? user : decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
            url = url.replaceFirst("//[^/@]*@", "//");
        }
        if (passwordFile != null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new RekgException(ErrorCode.USAGE, "--password-file: cannot read " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        if (password != null && user == null) {
            throw new RekgException(ErrorCode.USAGE, "a password without a user: give --remote-user too");
        }
        return new RemoteStore(url, StoreKind.of(kindName, url), user, password);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** {@code http://host:port} of a URL: where the credentials apply. */
    private static String root(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/";
    }

    /** A URL or message with any user information ({@code user:password@}) replaced by {@code ***@}. */
    public static String redact(String text) {
        return text == null ? null : text.replaceAll("(?i)(https?://)[^/@\\s]+@", "$1***@");
    }

    /** The store's URL as shown in messages: without credentials. */
    public String display() {
        return redact(url);
    }

    public StoreKind kind() {
        return kind;
    }

    /** What the next failure message tells the user to do. */
    public void repairHint(String hint) {
        this.repair = hint;
    }

    /** The graphs written (or deleted) so far by this run, in order. */
    public List<String> written() {
        return List.copyOf(written);
    }

    /** REKG's graphs in the store (names under {@link #REKG_GRAPHS}), listed with {@code SELECT DISTINCT ?g}. */
    public List<Node> rekgGraphs() {
        RowSetRewindable rows = select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \""
                + REKG_GRAPHS + "\")) }", List.of());
        List<Node> out = new ArrayList<>();
        rows.forEachRemaining(b -> out.add(b.get("g")));
        return out;
    }

    /** The graph, read with one GSP {@code GET}, or null when the store does not have it. */
    public Graph get(Node graph) {
        return call("read " + graph.getURI(), () -> StoreLiterals.restore(kind, graphStore.get(graph)));
    }

    /**
     * Replaces {@code graph} with {@code content}: one {@code PUT}, its N-Triples body (literals in
     * canonical form: {@code 40.0}, not {@code 40}) streamed through a temporary file.
     */
    public void put(Node graph, Graph content) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("rekg-put-", ".nt");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                org.apache.jena.riot.system.StreamRDF nt = org.apache.jena.riot.system.StreamRDFWriter.getWriterStream(out, Lang.NTRIPLES);
                org.apache.jena.riot.system.StreamRDF canonical = new org.apache.jena.riot.process.normalize.StreamCanonicalLiterals(nt);
                canonical.start();
                content.find().forEachRemaining(canonical::triple);
                canonical.finish();
            }
            Path file = tmp;
            call("write " + graph.getURI(), () -> {
                graphStore.put(graph, file);
                return null;
            });
            written.add(graph.getURI());
        } catch (IOException e) {
            throw new RekgException(ErrorCode.STORE, "cannot write a temporary file for " + graph.getURI() + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** Deletes {@code graph}; a graph the store does not have is fine. */
    public void delete(Node graph) {
        call("delete " + graph.getURI(), () -> {
            graphStore.delete(graph);
            return null;
        });
        written.add("(deleted) " + graph.getURI());
    }

    /** Whether the store has an update endpoint REKG knows of (needed for the writer lock). */
    public boolean canUpdate() {
        return endpoints.update() != null;
    }

    /** Runs a SPARQL Update request. */
    public void update(String request) {
        if (endpoints.update() == null) {
            throw new RekgException(ErrorCode.USAGE, "the store " + display() + " (" + kind.name().toLowerCase() + ") has no update endpoint REKG knows of");
        }
        call("run an update", () -> {
            UpdateExecHTTP.service(endpoints.update()).update(request).execute();
            return null;
        });
    }

    /**
     * A SELECT query over REKG's graphs {@code graphs} (each one both in the default graph and as a
     * named graph; none means the store's own dataset), results read as SPARQL XML (where Virtuoso
     * keeps booleans as {@code true}, unlike its JSON).
     */
    public RowSetRewindable select(String query, List<Node> graphs) {
        if (endpoints.query() == null) {
            throw new RekgException(ErrorCode.USAGE, "the store " + display() + " is of kind generic: it has no query endpoint REKG knows of;"
                    + " give --remote-kind fuseki or virtuoso");
        }
        return call("run a query", () -> {
            QueryExecHTTPBuilder b = QueryExecHTTP.service(endpoints.query()).queryString(query)
                    .acceptHeader("application/sparql-results+xml").sendMode(QuerySendMode.asPostForm);
            for (Node g : graphs) {
                b.addDefaultGraphURI(g.getURI()).addNamedGraphURI(g.getURI());
            }
            try (QueryExecHTTP qe = b.build()) {
                RowSet rows = qe.select();
                List<org.apache.jena.sparql.engine.binding.Binding> restored = new ArrayList<>();
                rows.forEachRemaining(row -> {
                    var out = org.apache.jena.sparql.engine.binding.BindingFactory.builder();
                    row.forEach((v, n) -> out.add(v, StoreLiterals.restore(kind, n)));
                    restored.add(out.build());
                });
                return org.apache.jena.sparql.exec.RowSetStream.create(rows.getResultVars(), restored.iterator()).rewindable();
            }
        });
    }

    <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpException e) {
            if (e.getStatusCode() <= 0) {
                throw unreachable(what, e.getCause() != null ? e.getCause() : e);
            }
            throw refused(what, e.getStatusCode() + " " + (e.getStatusLine() == null ? "" : e.getStatusLine()), e.getResponse(), e);
        } catch (org.apache.jena.sparql.engine.http.QueryExceptionHTTP e) {
            if (e.getStatusCode() <= 0) {
                throw unreachable(what, e.getCause() != null ? e.getCause() : e);
            }
            throw refused(what, e.getStatusCode() + " " + (e.getResponseMessage() == null ? "" : e.getResponseMessage()), e.getResponse(), e);
        } catch (RiotException | QueryException e) {
            throw new RekgException(ErrorCode.STORE, "the remote store " + display() + " sent an answer REKG cannot read (" + what + "): "
                    + shorten(clean(e.getMessage())) + ". Is the URL right and the kind (--remote-kind) the store's?" + writtenSoFar(), e);
        } catch (java.io.UncheckedIOException e) {
            throw unreachable(what, e);
        }
    }

    private RekgException unreachable(String what, Throwable cause) {
        return new RekgException(ErrorCode.STORE, "cannot reach the remote store " + display() + " (" + what + "): "
                + clean(String.valueOf(cause)) + ". Is it running, and is the URL right?" + writtenSoFar(), cause);
    }

    private RekgException refused(String what, String status, String body, Throwable cause) {
        String said = body == null || body.isBlank() ? "" : ": " + shorten(clean(body));
        return new RekgException(ErrorCode.STORE, "the remote store " + display() + " refused to " + what + ": HTTP " + status.strip()
                + said + writtenSoFar(), cause);
    }

    private String writtenSoFar() {
        String done = written.isEmpty() ? "nothing" : written.size() + " graph(s) (" + String.join(", ", written.subList(0, Math.min(5, written.size())))
                + (written.size() > 5 ? ", ..." : "") + ")";
        return ". Already written by this run: " + done + ". To repair: " + repair + ".";
    }

    /** The text without credentials, HTML tags or runs of white space. */
    private String clean(String text) {
        String t = redact(text == null ? "" : text);
        if (secret != null && !secret.isEmpty()) {
            t = t.replace(secret, "***");
        }
        return t.replaceAll("<[^>]{0,200}>", " ").replaceAll("\\s+", " ").strip();
    }

    static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + " ...";
    }
}
