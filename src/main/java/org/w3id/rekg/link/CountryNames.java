package org.w3id.rekg.link;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Finds the REKG state (or territory) a dataset means by a country name: by its English or French
 * labels and alternative labels in the store (loaded from {@code country-codes.csv}), then by the few names other datasets
 * use that no label has, listed by hand in {@code country-aliases.csv} (USGS's "Burma").
 */
public final class CountryNames {
    private final Map<String, Node> byName = new HashMap<>();
    private final Map<String, Node> byAlpha2 = new HashMap<>();

    private CountryNames() {}

    /** The names of every entity with an ISO 3166-1 alpha-2 code in {@code ds}. */
    public static CountryNames from(Dataset ds) {
        CountryNames names = new CountryNames();
        String q = """
                SELECT ?s ?code ?label WHERE {
                  ?s <%siso3166Alpha2> ?code .
                  OPTIONAL { ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?label }
                }""".formatted(Rekg.NS);
        Txn.executeRead(ds, () -> {
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                qe.execSelect().forEachRemaining((QuerySolution s) -> {
                    Node state = s.get("s").asNode();
                    names.byAlpha2.put(s.getLiteral("code").getString(), state);
                    if (s.contains("label")) {
                        names.byName.putIfAbsent(normalise(s.getLiteral("label").getString()), state);
                    }
                });
            }
        });
        if (names.byAlpha2.isEmpty()) {
            throw new RekgException(ErrorCode.STORE, "the store has no states (no rekg:iso3166Alpha2): run './rekg build' first");
        }
        names.aliases();
        return names;
    }

    private void aliases() {
        try (Reader in = new InputStreamReader(CountryNames.class.getResourceAsStream("country-aliases.csv"), StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get().parse(in)) {
            for (CSVRecord r : p) {
                Node state = byAlpha2.get(r.get("alpha2").strip());
                if (state != null) {
                    byName.putIfAbsent(normalise(r.get("name")), state);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read country-aliases.csv", e);
        }
    }

    /** The state called {@code name}, or null. */
    public Node find(String name) {
        return name == null ? null : byName.get(normalise(name));
    }

    /** The state with ISO 3166-1 alpha-2 code {@code code}, or null. */
    public Node byAlpha2(String code) {
        return byAlpha2.get(code);
    }

    /** The alpha-2 code of a state node, or null. */
    public String alpha2(Node state) {
        for (Map.Entry<String, Node> e : byAlpha2.entrySet()) {
            if (e.getValue().equals(state)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Lower case, no accents, no "(the)", no leading "the", single spaces. */
    public static String normalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.toLowerCase(Locale.ROOT).replace('\u00a0', ' ').replaceAll("\\((the|la|le|les|l')\\)", " ");
        s = s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return s.startsWith("the ") ? s.substring(4) : s;
    }
}
