package org.w3id.rekg.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.FileEntity;
import org.apache.hc.core5.util.Timeout;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The SPARQL 1.1 Graph Store Protocol ({@code ?graph=} GET, PUT, DELETE) over Apache HttpClient,
 * which answers HTTP basic and digest challenges and then sends the credentials with every request
 * (its auth cache): Virtuoso answers a request without credentials with 401 and closes the
 * connection before reading the body, so a body is only ever sent after a first GET has been
 * challenged.
 * Failures are thrown as Jena {@link HttpException}s (status, reason, response body).
 */
final class GraphStoreClient implements AutoCloseable {
    private final String endpoint;
    private final CloseableHttpClient http;
    private final org.apache.hc.client5.http.protocol.HttpClientContext context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
    private final boolean authenticated;
    private boolean challenged;

    GraphStoreClient(String endpoint, String user, String password) {
        this.endpoint = endpoint;
        this.authenticated = user != null;
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (user != null) {
            credentials.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(user,
                    (password == null ? "" : password).toCharArray()));
        }
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(10)).setResponseTimeout(Timeout.ofMinutes(30)).build();
        this.http = HttpClients.custom().setDefaultCredentialsProvider(credentials).setDefaultRequestConfig(config)
                .disableContentCompression().build();
    }

    private String target(Node graph) {
        return endpoint + (endpoint.contains("?") ? "&" : "?") + "graph=" + URLEncoder.encode(graph.getURI(), StandardCharsets.UTF_8);
    }

    /** The graph, or null on 404. */
    Graph get(Node graph) {
        HttpGet get = new HttpGet(target(graph));
        get.setHeader("Accept", "application/n-triples");
        return execute(get, (status, body) -> {
            if (status == 404) {
                return null;
            }
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(body).lang(Lang.NTRIPLES).parse(g);
            return g;
        });
    }

    /** Replaces the graph with the N-Triples file {@code file}, streamed. */
    void put(Node graph, Path file) {
        challenge();
        HttpPut put = new HttpPut(target(graph));
        put.setEntity(new FileEntity(file.toFile(), ContentType.create("application/n-triples", StandardCharsets.UTF_8)));
        execute(put, (status, body) -> null);
    }

    /** Deletes the graph; 404 is fine. */
    void delete(Node graph) {
        challenge();
        execute(new HttpDelete(target(graph)), (status, body) -> null);
    }

    /**
     * Before the first request with a body: a GET of a small graph, so that the server's digest
     * challenge is answered without a body and the next requests carry the credentials at once.
     */
    private void challenge() {
        if (authenticated && !challenged) {
            get(WriterLock.GRAPH);
            challenged = true;
        }
    }

    private interface Reader<T> {
        T read(int status, InputStream body) throws IOException;
    }

    private <T> T execute(HttpUriRequestBase request, Reader<T> reader) {
        try {
            return http.execute(request, context, response -> {
                int status = response.getCode();
                if (status == 404 || status / 100 == 2) {
                    try (InputStream in = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent()) {
                        return reader.read(status, in);
                    }
                }
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                throw new HttpException(status, response.getReasonPhrase(), body);
            });
        } catch (IOException e) {
            throw new HttpException(e.toString(), e);
        }
    }

    @Override
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
}
