package org.w3id.rekg.serve;

import org.w3id.rekg.core.SafeParsing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.auth.AuthPolicy;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.JettySecurityLib;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.TDB2;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The REKG server: an embedded, read-only Fuseki server over a dataset with one named graph per source.
 * <p>
 * Example:
 * <pre>{@code
 *   Dataset ds = TDB2Factory.connectDataset("db");      // or any in-memory dataset
 *   RekgServer server = RekgServer.create()
 *       .dataset(ds)
 *       .port(3030)                                    // 0 = any free port
 *       .queryTimeout(Duration.ofSeconds(30))
 *       .resultLimit(10_000)
 *       .build()
 *       .start();
 *   System.out.println(server.sparqlUrl());             // http://127.0.0.1:3030/rekg/sparql
 *   ...
 *   server.stop();
 * }</pre>
 * The server offers:
 * <ul>
 * <li>{@code /rekg/sparql} and {@code /rekg/query}: SPARQL query (GET, or POST of a query), whose
 *     default graph is the union of all named graphs; each query runs under the query timeout and
 *     at most {@code resultLimit} rows are returned (see {@link CappedQueryProcessor});
 *     {@code SERVICE} is refused unless its endpoint is one given to {@link Builder#allowService};</li>
 * <li>{@code /rekg/get}: SPARQL Graph Store Protocol, read only ({@code ?graph=<iri>} or {@code ?default},
 *     the union of the named graphs);</li>
 * <li>{@code /id/...}: entity pages for {@code https://w3id.org/rekg/id/...}, negotiated between HTML
 *     and RDF formats (see {@link EntityServlet});</li>
 * <li>{@code /}: the Fuseki UI (with {@code /$/ping}, {@code /$/server}, {@code /$/stats} and the validators).</li>
 * </ul>
 * There is no update, upload or graph store write: the dataset is seen through a read-only view and any
 * request other than GET, HEAD, OPTIONS or a query POST is answered with 405 (see {@link ReadOnlyFilter}).
 * The server listens only on the host given (default {@code 127.0.0.1}).
 * <p>
 * Opt-in write mode ({@link Builder#writable}): {@code /rekg-write/update} and {@code /rekg-write/data}
 * accept SPARQL Update and Graph Store writes from one user, with HTTP basic authentication; the
 * endpoints above stay read-only and open.
 */
public final class RekgServer {

    /** The dataset name in URLs. */
    public static final String DATASET = "/rekg";
    /** The dataset name of the opt-in write service (only with {@link Builder#writable}). */
    public static final String WRITE_DATASET = "/rekg-write";
    /** The default host: the loopback interface. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 3030;
    /** The default query timeout. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** The default cap on result rows. */
    public static final long DEFAULT_RESULT_LIMIT = 10_000;

    private final FusekiServer server;
    private final RunningQueries running;
    private final String host;
    private final int configuredPort;
    private volatile boolean started = false;

    private RekgServer(FusekiServer server, String host, int configuredPort, RunningQueries running) {
        this.server = server;
        this.running = running;
        this.host = host;
        this.configuredPort = configuredPort;
    }

    /** A builder with the defaults: host 127.0.0.1, port 3030, timeout 30 s, 10000 rows, no SERVICE. */
    public static Builder create() {
        return new Builder();
    }

    /** Builder of a {@link RekgServer}. */
    public static final class Builder {
        private Dataset dataset = null;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private long resultLimit = DEFAULT_RESULT_LIMIT;
        private List<String> allowService = List.of();
        private String writeUser = null;
        private String writePassword = null;
        private Limits limits = Limits.defaults();
        private boolean publicAccess = false;
        private boolean behindTlsProxy = false;

        private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");

        private Builder() {}

        /** The dataset to serve: a TDB2 dataset or an in-memory one, with one named graph per source. */
        public Builder dataset(Dataset ds) {
            this.dataset = ds;
            return this;
        }

        /** The host name or address to listen on (default {@code 127.0.0.1}, loopback only). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port (default 3030); 0 means any free port, see {@link RekgServer#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The timeout of each query (default 30 s). */
        public Builder queryTimeout(Duration d) {
            this.queryTimeout = d;
            return this;
        }

        /** The maximum number of result rows of a query (default 10000). */
        public Builder resultLimit(long n) {
            this.resultLimit = n;
            return this;
        }

        /** SPARQL endpoints that {@code SERVICE} may call (default none: {@code SERVICE} is refused). */
        public Builder allowService(List<String> endpoints) {
            this.allowService = endpoints == null ? null : new ArrayList<>(endpoints);
            return this;
        }

        /** The resource limits (default {@link Limits#defaults()}). */
        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Allow a host other than loopback (off by default: {@link #build()} refuses a non-loopback
         * host without it). Binding beyond loopback also limits the threads of each client address.
         */
        public Builder publicAccess(boolean on) {
            this.publicAccess = on;
            return this;
        }

        /**
         * Declare that a reverse proxy terminates TLS in front of this server: needed for write mode on
         * a public address, since basic authentication over plain HTTP sends the password in clear.
         */
        public Builder behindTlsProxy(boolean on) {
            this.behindTlsProxy = on;
            return this;
        }

        /**
         * Opt-in write mode: also serve {@code /rekg-write/update} (SPARQL Update) and
         * {@code /rekg-write/data} (Graph Store Protocol, read-write) over the same dataset, for
         * {@code user} only, with HTTP basic authentication. Everything else stays read-only and open.
         */
        public Builder writable(String user, String password) {
            this.writeUser = user;
            this.writePassword = password;
            return this;
        }

        /**
         * Check the settings and build the server (not started).
         * @throws IllegalArgumentException naming the bad value
         * @throws IllegalStateException if no dataset was given
         */
        public RekgServer build() {
            if ( dataset == null )
                throw new IllegalStateException("No dataset: call dataset(...) before build()");
            if ( host == null || !HOST.matcher(host).matches() )
                throw new IllegalArgumentException("Bad host: '" + host + "' (expected a host name or IP address, e.g. 127.0.0.1)");
            if ( limits == null )
                throw new IllegalArgumentException("Bad limits: null (use Limits.defaults())");
            if ( port < 0 || port > 65535 )
                throw new IllegalArgumentException("Bad port: " + port + " (expected 0 to 65535; 0 = any free port)");
            if ( queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero() )
                throw new IllegalArgumentException("Bad query timeout: " + queryTimeout + " (expected a positive duration)");
            if ( queryTimeout.toMillis() < 1 )
                throw new IllegalArgumentException("Bad query timeout: " + queryTimeout + " (must be at least 1 ms)");
            if ( resultLimit < 1 )
                throw new IllegalArgumentException("Bad result limit: " + resultLimit + " (expected at least 1)");
            if ( allowService == null )
                throw new IllegalArgumentException("Bad SERVICE allow list: null (use an empty list to refuse SERVICE)");
            for ( String endpoint : allowService )
                checkEndpoint(endpoint);
            if ( (writeUser != null || writePassword != null)
                 && (writeUser == null || writeUser.isBlank() || writePassword == null || writePassword.isEmpty()) )
                throw new IllegalArgumentException("Write mode needs a user name and a password (HTTP basic authentication); there is no write mode without them"
                                                   + (isLoopback(host) ? "" : ", least of all on the non-loopback address " + host));
            if ( writeUser != null && !writeUser.matches("[A-Za-z0-9._-]+") )
                throw new IllegalArgumentException("Bad user name: '" + writeUser + "' (letters, digits, '.', '_' and '-')");
            if ( !isLoopback(host) && !publicAccess )
                throw new IllegalArgumentException("Host " + host + " is not a loopback address: binding beyond this machine needs --public"
                                                   + " (and, for write mode, TLS in front: --behind-tls-proxy)");
            if ( !isLoopback(host) && writeUser != null && !behindTlsProxy )
                throw new IllegalArgumentException("Write mode on the public address " + host + " would send the password in clear over HTTP:"
                                                   + " put a TLS reverse proxy in front and say so with --behind-tls-proxy, or bind to 127.0.0.1");
            return RekgServer.build(this);
        }

        private static void checkEndpoint(String endpoint) {
            if ( endpoint == null )
                throw new IllegalArgumentException("Bad SERVICE endpoint: null");
            try {
                URI uri = new URI(endpoint);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ( !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null )
                    throw new IllegalArgumentException("Bad SERVICE endpoint: '" + endpoint + "' (expected an absolute http or https URL)");
            } catch (URISyntaxException ex) {
                throw new IllegalArgumentException("Bad SERVICE endpoint: '" + endpoint + "' (" + ex.getMessage() + ")");
            }
        }
    }

    /** Whether {@code host} names the loopback interface only. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private static RekgServer build(Builder b) {
        SafeParsing.install();
        DatasetGraph base = b.dataset.asDatasetGraph();
        Context context = base.getContext() == null ? new Context() : base.getContext().copy();
        // Union default graph: TDB2's query engine reads this symbol; other datasets get it from the view.
        context.set(TDB2.symUnionDefaultGraph, true);
        // Fuseki reads the timeout from the context as a string (milliseconds).
        context.set(ARQ.queryTimeout, Long.toString(b.queryTimeout.toMillis()));
        ServicePolicy.install(context, b.allowService);
        DatasetGraph view = ReadOnlyUnionDatasetGraph.create(base, context);

        RunningQueries running = new RunningQueries(b.limits.memoryHighWater());
        DataService.Builder dataService = DataService.newBuilder(view);
        for ( String name : List.of("sparql", "query") ) {
            dataService.addEndpoint(Endpoint.create()
                                            .operation(Operation.Query)
                                            .endpointName(name)
                                            .processor(new CappedQueryProcessor(b.resultLimit, running))
                                            .build());
        }
        dataService.addEndpoint(Operation.GSP_R, "get");

        FusekiServer.Builder fuseki = FusekiServer.create()
            .port(b.port)
            .numServerThreads(Math.min(8, b.limits.maxThreads()), b.limits.maxThreads())
            .verbose(false)
            .add(DATASET, dataService)
            .addFilter("/*", new ReadOnlyFilter(Set.of(DATASET + "/sparql", DATASET + "/query"),
                                                b.writeUser == null ? null : WRITE_DATASET + "/"))
            .addServlet("/id/*", new EntityServlet(view, b.queryTimeout));
        if ( b.writeUser != null )
            addWriteService(fuseki, base, b.writeUser, b.writePassword);
        addUI(fuseki);

        FusekiServer server = fuseki.build();
        // Listen only on the host given (Fuseki's loopback(true) would mean "localhost", which may
        // also resolve to ::1; an explicit host is exact).
        for ( Connector c : server.getJettyServer().getConnectors() ) {
            if ( c instanceof ServerConnector sc )
                sc.setHost(b.host);
        }
        HttpGuards.install(server.getJettyServer(), b.limits, !isLoopback(b.host), b.writeUser == null ? null : WRITE_DATASET + "/");
        return new RekgServer(server, b.host, b.port, running);
    }

    /**
     * The opt-in write service: SPARQL Update and Graph Store Protocol read-write over the dataset
     * itself, under {@value #WRITE_DATASET}, for one user, with HTTP basic authentication (Jetty's
     * security handler asks for credentials on that path only; Fuseki's endpoint policy admits
     * only that user).
     */
    private static void addWriteService(FusekiServer.Builder fuseki, DatasetGraph base, String user, String password) {
        AuthPolicy onlyUser = Auth.policyAllowSpecific(user);
        DataService.Builder write = DataService.newBuilder(base);
        write.addEndpoint(Endpoint.create().operation(Operation.Update).endpointName("update").authPolicy(onlyUser).build());
        write.addEndpoint(Endpoint.create().operation(Operation.GSP_RW).endpointName("data").authPolicy(onlyUser).build());
        write.setAuthPolicy(onlyUser);
        UserStore users = JettySecurityLib.makeUserStore(user, password);
        fuseki.add(WRITE_DATASET, write)
              .securityHandler(JettySecurityLib.makeSecurityHandlerForPathspec(WRITE_DATASET + "/*", "REKG", users));
    }

    /**
     * The Fuseki UI, as the Fuseki UI module does it, but without the admin module (which would allow
     * creating and deleting datasets): the UI files from the jena-fuseki-ui jar ({@code webapp/} on the
     * classpath) as static content, with the read-only services the UI calls.
     */
    private static void addUI(FusekiServer.Builder fuseki) {
        // No validator is mounted: /$/validate/data fetched remote JSON-LD contexts (server-side
        // requests, local files) and /$/validate/iri and /langtag echoed their input unescaped.
        java.net.URL webapp = RekgServer.class.getClassLoader().getResource("webapp/index.html");
        fuseki.enablePing(true).enableStats(true)
              .addServlet("/$/server", new ActionServerStatus());
        if ( webapp != null ) {
            String index = webapp.toExternalForm();
            fuseki.staticFileBase(index.substring(0, index.length() - "index.html".length()));
        }
    }

    /** Start the server; it runs in the background until {@link #stop()}. */
    public RekgServer start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            boolean inUse = e.getCause() instanceof java.io.IOException && String.valueOf(e.getMessage()).contains("bind");
            throw new org.w3id.rekg.core.RekgException(org.w3id.rekg.core.ErrorCode.SERVER, inUse
                    ? "cannot listen on " + host + ":" + configuredPort + ": the port is in use (another server?). Stop it, or choose another port with --port"
                    : "the server could not start on " + host + ":" + configuredPort + ": " + e.getMessage(), e);
        }
        started = true;
        return this;
    }

    /** The port: once started, the actual one (useful with port 0). */
    public int port() {
        if ( started ) {
            int p = server.getHttpPort();
            if ( p > 0 )
                return p;
        }
        return configuredPort;
    }

    /** The host the server listens on. */
    public String host() {
        return host;
    }

    /** The SPARQL query endpoint, {@code http://host:port/rekg/sparql}. */
    public String sparqlUrl() {
        return baseUrl() + DATASET + "/sparql";
    }

    /** {@code http://host:port}, with a usable host when listening on all interfaces. */
    String baseUrl() {
        String h = host;
        if ( h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") )
            h = "localhost";
        else if ( h.contains(":") && !h.startsWith("[") )
            h = "[" + h + "]";
        return "http://" + h + ":" + port();
    }

    /** The host each connector of the Jetty server is bound to (for tests). */
    List<String> boundHosts() {
        List<String> hosts = new ArrayList<>();
        for ( Connector c : server.getJettyServer().getConnectors() ) {
            if ( c instanceof ServerConnector sc )
                hosts.add(sc.getHost());
        }
        return hosts;
    }

    /** Stop the server. */
    public void stop() {
        if ( started ) {
            started = false;
            server.stop();
        }
        running.close();
    }

    /** How many queries the memory guard has cancelled since the server started. */
    public long queriesCancelledForMemory() {
        return running.cancelled();
    }

    @Override
    public String toString() {
        return "RekgServer[" + sparqlUrl() + "]";
    }

}
