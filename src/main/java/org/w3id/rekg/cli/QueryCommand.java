package org.w3id.rekg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.query.QueryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rekg query}: a SPARQL query against the store, without a server. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a SPARQL query (a .rq file or the query text) against the store, without a server.",
                "The prefixes rekg:, id:, rdfs:, skos:, prov:, dct:, org:, geo:, xsd: are predeclared.",
                "The default graph is the union of all named graphs."},
        footer = {"", "Examples:", "  rekg query queries/02-stakes.rq",
                "  rekg query 'SELECT ?mine ?label { ?mine a rekg:Mine; rdfs:label ?label }' --format csv"})
public final class QueryCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", paramLabel = "FILE.rq|SPARQL", description = "A file with the query, or the query itself.")
    String query;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, csv, tsv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Stop the query after this long (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Option(names = "--allow-service", paramLabel = "URL", description = "Allow SERVICE calls to this SPARQL endpoint (repeatable). Default: none.")
    java.util.List<String> allowService = java.util.List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = query;
        Path file = Path.of(query.length() < 4096 ? query : ".");
        if (query.endsWith(".rq") || (query.length() < 4096 && !query.contains("{") && Files.isRegularFile(file))) {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new RekgException(ErrorCode.USAGE, "cannot read the query file " + query + ": " + e.getMessage());
            }
        }
        QueryService.Format fmt = QueryService.format(format);
        String sparql = text;
        project.withStore(ds -> {
            new QueryService(ds).timeout(timeoutSeconds * 1000L).allowService(allowService).run(sparql, fmt, System.out);
            return null;
        });
        return 0;
    }
}
