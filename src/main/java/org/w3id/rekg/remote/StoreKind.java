package org.w3id.rekg.remote;

import java.util.Locale;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * What REKG knows of a kind of triple store: where its Graph Store Protocol, query and update
 * endpoints are, given the URL the user names, and how its bulk loader is run.
 *
 * <ul>
 * <li>{@code fuseki}: {@code http://host:3030/ds} (or {@code .../ds/data}); GSP at {@code /ds/data},
 * queries at {@code /ds/sparql}, updates at {@code /ds/update}; bulk loader {@code tdb2.xloader}.
 * <li>{@code virtuoso}: {@code http://host:8890}; GSP at {@code /sparql-graph-crud-auth} (digest
 * authentication, the user needs the {@code SPARQL_UPDATE} role), queries and updates at
 * {@code /sparql-auth} ({@code /sparql} and {@code /sparql-graph-crud} without a user); bulk
 * loader {@code ld_dir} + {@code rdf_loader_run()} in {@code isql}.
 * <li>{@code generic}: the URL is the GSP endpoint; no query or update endpoint is assumed.
 * </ul>
 */
public enum StoreKind {
    FUSEKI, VIRTUOSO, GENERIC;

    /** The kind named by {@code --remote-kind}, or guessed from the URL when null. */
    public static StoreKind of(String name, String url) {
        if (name == null || name.isBlank()) {
            return detect(url);
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RekgException(ErrorCode.USAGE, "--remote-kind must be fuseki, virtuoso or generic; got '" + name + "'");
        }
    }

    /** Virtuoso's endpoint names or port 8890, Fuseki's {@code /data} service, else generic. */
    static StoreKind detect(String url) {
        String path = java.net.URI.create(url).getPath();
        if (path.contains("sparql-graph-crud") || java.net.URI.create(url).getPort() == 8890) {
            return VIRTUOSO;
        }
        if (path.endsWith("/data") || java.net.URI.create(url).getPort() == 3030) {
            return FUSEKI;
        }
        return GENERIC;
    }

    /** The endpoints of a store of this kind at {@code url} (without user information). */
    Endpoints endpoints(String url, boolean authenticated) {
        String base = url.replaceAll("/+$", "");
        return switch (this) {
            case FUSEKI -> {
                String ds = base.replaceAll("/(data|sparql|query|update|get)$", "");
                yield new Endpoints(ds + "/data", ds + "/sparql", ds + "/update");
            }
            case VIRTUOSO -> {
                String root = base.replaceAll("/(sparql-graph-crud-auth|sparql-graph-crud|sparql-auth|sparql)$", "");
                yield authenticated
                        ? new Endpoints(root + "/sparql-graph-crud-auth", root + "/sparql-auth", root + "/sparql-auth")
                        : new Endpoints(root + "/sparql-graph-crud", root + "/sparql", null);
            }
            case GENERIC -> new Endpoints(base, null, null);
        };
    }

    /** The Graph Store Protocol, query and update endpoints (null when the store has none REKG knows of). */
    record Endpoints(String graphStore, String query, String update) {}
}
