package org.w3id.rekg.link;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * The link sets that follow from the reference data alone, without asking any endpoint:
 * <ul>
 * <li>{@code graph/linkset/reference-wikidata}: each state or territory {@code owl:sameAs} its
 *     Wikidata item, from the {@code wikidata_id} column of {@code country-codes.csv};</li>
 * <li>{@code graph/linkset/reference-geonames}: each {@code skos:exactMatch} its GeoNames feature,
 *     from the {@code Geoname ID} column;</li>
 * <li>{@code graph/linkset/reference-minmod}: each element {@code skos:exactMatch} its MinMod
 *     commodity, with {@code rekg:minmodId}, by its symbol in {@code minmod-commodity.csv};</li>
 * <li>the links made by hand in {@code links-by-hand.csv}, each in the link set of its target.</li>
 * </ul>
 * Every identifier is checked before anything is written.
 */
public final class ReferenceLinker {
    private final Dataset dataset;
    private final Path referenceDir;

    public ReferenceLinker(Dataset dataset, Path referenceDir) {
        this.dataset = dataset;
        this.referenceDir = referenceDir;
    }

    /** What a run wrote: links per link set. */
    public record Result(List<LinkSet> sets) {
        public int links() {
            return sets.stream().mapToInt(s -> s.links().size()).sum();
        }
    }

    public Result run(Instant when) {
        LinkSet wikidata = new LinkSet("reference-wikidata", "REKG states and territories to Wikidata items, from country-codes.csv",
                "wikidata", Identifiers.WIKIDATA_ENTITY, "Wikidata", null);
        LinkSet geonames = new LinkSet("reference-geonames", "REKG states and territories to GeoNames features, from country-codes.csv",
                "geonames", Identifiers.GEONAMES, "GeoNames", null);
        LinkSet minmod = new LinkSet("reference-minmod", "REKG elements and materials to MinMod commodities",
                "minmod", Identifiers.MINMOD, "MinMod (DARPA CriticalMAAS mineral-site knowledge graph)", null);
        Set<String> ids = new HashSet<>();
        List<String[]> states = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        String q = """
                SELECT ?s ?a2 ?a3 ?num ?wd ?gn ?sym WHERE {
                  { ?s <%1$siso3166Alpha2> ?a2 .
                    OPTIONAL { ?s <%1$siso3166Alpha3> ?a3 } OPTIONAL { ?s <%1$siso3166Numeric> ?num }
                    OPTIONAL { ?s <%1$swikidataId> ?wd } OPTIONAL { ?s <%1$sgeonamesId> ?gn } }
                  UNION { ?s <%1$ssymbol> ?sym }
                }""".formatted(Rekg.NS);
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = QueryExecution.dataset(dataset).query(q).build()) {
                qe.execSelect().forEachRemaining(r -> {
                    String s = r.getResource("s").getURI();
                    ids.add(s.substring(Rekg.ID.length()));
                    if (r.contains("a2")) {
                        states.add(new String[] {s, str(r, "a2"), str(r, "a3"), str(r, "num"), str(r, "wd"), str(r, "gn")});
                    } else {
                        symbols.add(str(r, "sym"));
                    }
                });
            }
        });
        if (states.isEmpty()) {
            throw new RekgException(ErrorCode.STORE, "the store has no states: run './rekg build' first");
        }
        for (String[] st : states) {
            Node s = NodeFactory.createURI(st[0]);
            String where = st[0].substring(Rekg.ID.length());
            check(Identifiers.isAlpha2(st[1]), where, "ISO 3166-1 alpha-2 code", st[1]);
            check(st[2] == null || Identifiers.isAlpha3(st[2]), where, "ISO 3166-1 alpha-3 code", st[2]);
            check(st[3] == null || Identifiers.isNumeric(st[3]), where, "ISO 3166-1 numeric code", st[3]);
            if (st[4] != null) {
                check(Identifiers.isWikidataItem(st[4]), where, "Wikidata item", st[4]);
                wikidata.add(Link.of(s, Link.SAME_AS, Identifiers.wikidataIri(st[4]), Link.Method.IDENTIFIER_MATCH, 1.0,
                        "country-codes.csv: ISO 3166-1 " + st[1] + " → wikidata_id " + st[4]));
            }
            if (st[5] != null) {
                check(Identifiers.isGeonamesId(st[5]), where, "GeoNames id", st[5]);
                geonames.add(Link.of(s, Link.EXACT_MATCH, Identifiers.geonamesIri(st[5]), Link.Method.IDENTIFIER_MATCH, 1.0,
                        "country-codes.csv: ISO 3166-1 " + st[1] + " → Geoname ID " + st[5]));
            }
        }
        MinmodCommodities commodities = MinmodCommodities.read(referenceDir.resolve("minmod-commodity.csv"));
        List<String[]> minmodIds = new ArrayList<>();
        for (String sym : symbols) {
            MinmodCommodities.Commodity c = commodities.bySymbol(sym);
            if (c != null) {
                Node el = Rekg.id("element/" + sym);
                minmod.add(Link.of(el, Link.EXACT_MATCH, Identifiers.minmodIri(c.id()), Link.Method.IDENTIFIER_MATCH, 1.0,
                        "symbol " + sym + " = aliases of minmod-commodity.csv row " + c.row() + " (" + c.name() + ")"));
                minmodIds.add(new String[] {el.getURI(), c.id()});
            }
        }
        java.util.function.Predicate<String> known = id -> ids.contains(id) || Txn.calculateRead(dataset,
                () -> dataset.asDatasetGraph().find(Node.ANY, Rekg.id(id), Node.ANY, Node.ANY).hasNext());
        for (Link l : HandLinks.read(referenceDir.resolve("links-by-hand.csv"), known)) {
            String o = l.object().getURI();
            (o.startsWith(Identifiers.WIKIDATA_ENTITY) ? wikidata : o.startsWith(Identifiers.GEONAMES) ? geonames : minmod).add(l);
        }
        for (String[] m : minmodIds) {
            minmod.addTriple(NodeFactory.createURI(m[0]), Rekg.term("minmodId"), NodeFactory.createLiteralString(m[1]));
        }
        List<LinkSet> sets = List.of(wikidata, geonames, minmod);
        LinkStore.replace(dataset, sets, when);
        return new Result(sets);
    }

    private static void check(boolean ok, String where, String what, String value) {
        if (!ok) {
            throw new RekgException(ErrorCode.INVALID_IDENTIFIER, where + ": '" + value + "' is not a valid " + what + "; nothing was written");
        }
    }

    private static String str(org.apache.jena.query.QuerySolution r, String v) {
        return r.contains(v) ? r.getLiteral(v).getString() : null;
    }
}
