package org.w3id.rekg.ownership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.store.Store;

/** The engine on small hand-made networks whose answers are worked out by hand. */
class OwnershipEngineTest {
    static final String PREFIXES = """
            @prefix rekg: <https://w3id.org/rekg/ontology#> .
            @prefix id: <https://w3id.org/rekg/id/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            """;

    /** A store holding {@code turtle} in the graph {@code graph/test} (whose file name is test.ttl). */
    static Dataset store(String turtle) {
        Dataset ds = Store.inMemory();
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(PREFIXES + turtle)).lang(Lang.TURTLE).parse(g);
        Txn.executeWrite(ds, () -> {
            Graph target = ds.asDatasetGraph().getGraph(Rekg.graph("test"));
            g.find().forEachRemaining(target::add);
            target.add(Rekg.graph("test"), Rekg.uri(Rekg.BASE + "build#fileName"),
                    org.apache.jena.graph.NodeFactory.createLiteralString("test.ttl"));
        });
        return ds;
    }

    static Analysis analyse(Dataset ds) {
        return Txn.calculateRead(ds, () -> new Analysis(ds.asDatasetGraph(), ReasonService.GRAPH, LocalDate.parse("2025-01-01")));
    }

    static int n(Analysis a, String id) {
        return a.node(Rekg.id(id));
    }

    static String firms(String... ids) {
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            b.append("id:").append(id).append(" a rekg:Firm ; rdfs:label \"").append(id).append("\"@en .\n");
        }
        return b.toString();
    }

    static String stake(String id, String holder, String target, String share) {
        return "id:" + id + " a rekg:Stake ; rekg:holder id:" + holder + " ; rekg:target id:" + target
                + (share == null ? "" : " ; rekg:share " + share) + " .\n";
    }

    @Test
    void sharesMultiplyAlongAChainAndAddUpAcrossPaths() {
        Analysis a = analyse(store(firms("p", "a", "b", "t")
                + stake("s1", "p", "a", "60") + stake("s2", "a", "t", "50")
                + stake("s3", "p", "b", "40") + stake("s4", "b", "t", "25")));
        assertArrayEquals(new double[] {0.4, 0.4}, a.share(n(a, "p"), n(a, "t")), 1e-12);
        assertEquals(2, a.paths(n(a, "p"), n(a, "t"), 10).size());
    }

    @Test
    void crossHoldingsAreSummedOverEveryWalkWithoutCountingTheHoldersOwnShares() {
        // X holds 50 % of A; A and B hold 30 % and 20 % of each other; B holds 80 % of... (outside holders own the rest)
        Analysis a = analyse(store(firms("x", "a", "b")
                + stake("s1", "x", "a", "50") + stake("s2", "a", "b", "30") + stake("s3", "b", "a", "20")));
        // walks from x to b: x-a-b (0.15), x-a-b-a-b (0.15*0.06), ... = 0.15 / (1 - 0.06)
        assertEquals(0.15 / 0.94, a.share(n(a, "x"), n(a, "b"))[0], 1e-9);
        // x to a: 0.5 / 0.94 (walks a-b-a return to a)
        assertEquals(0.5 / 0.94, a.share(n(a, "x"), n(a, "a"))[0], 1e-9);
        // A's own share of B: walks that do not come back through A: just 30 %
        assertEquals(0.3, a.share(n(a, "a"), n(a, "b"))[0], 1e-9);
    }

    @Test
    void rangesPropagateAsMinimumAndMaximum() {
        Analysis a = analyse(store(firms("p", "a", "t")
                + "id:s1 a rekg:Stake ; rekg:holder id:p ; rekg:target id:a ; rekg:shareMin 20 ; rekg:shareMax 40 .\n"
                + stake("s2", "a", "t", "50")));
        assertArrayEquals(new double[] {0.1, 0.2}, a.share(n(a, "p"), n(a, "t")), 1e-12);
    }

    @Test
    void anUnknownShareStaysUnknownAsTheRangeTheOtherHoldersLeave() {
        Analysis a = analyse(store(firms("p", "q", "t") + stake("s1", "p", "t", null) + stake("s2", "q", "t", "70")));
        assertArrayEquals(new double[] {0, 0.3}, a.share(n(a, "p"), n(a, "t")), 1e-12);
    }

    @Test
    void majorityControlAddsUpTheHoldingsOfControlledEntities() {
        // P holds 60 % of S; P holds 30 % and S 25 % of T: P controls T with 55 %, though neither alone has a majority
        Analysis a = analyse(store(firms("p", "s", "t")
                + stake("s1", "p", "s", "60") + stake("s2", "p", "t", "30") + stake("s3", "s", "t", "25")));
        assertArrayEquals(new int[] {n(a, "p")}, a.control.controllers[n(a, "t")]);
        assertArrayEquals(new int[] {n(a, "p")}, a.control.ultimate[n(a, "t")]);
        assertEquals(0, a.control.ultimate[n(a, "p")].length);
    }

    @Test
    void aStateControlsThroughItsMinistriesAndStateOwnedFirms() {
        Analysis a = analyse(store("<https://w3id.org/rekg/id/state/XX> a rekg:State .\n"
                + "id:min a rekg:Ministry ; rekg:governmentOf <https://w3id.org/rekg/id/state/XX> .\n"
                + "id:soe a rekg:StateOwnedEnterprise ; rekg:ownedByState <https://w3id.org/rekg/id/state/XX> .\n"
                + firms("f", "site") + stake("s1", "min", "f", "51") + stake("s2", "soe", "site", "100")));
        assertArrayEquals(new int[] {n(a, "state/XX")}, a.control.ultimate[n(a, "f")]);
        assertArrayEquals(new int[] {n(a, "state/XX")}, a.control.ultimate[n(a, "site")]);
        assertArrayEquals(new double[] {0.51, 0.51}, a.share(n(a, "state/XX"), n(a, "f")), 1e-12);
        // the state-owned enterprise's share is not given: the state's share of the site is unknown
        assertArrayEquals(new double[] {0, 1}, a.share(n(a, "state/XX"), n(a, "site")), 1e-12);
    }

    @Test
    void asOfUsesOnlyTheStakesValidOnThatDate() {
        Dataset ds = store(firms("p", "t")
                + "id:s1 a rekg:Stake ; rekg:holder id:p ; rekg:target id:t ; rekg:share 40 ; rekg:startDate \"2020\"^^xsd:gYear ; rekg:endDate \"2022-06\"^^xsd:gYearMonth .\n");
        Analysis in2021 = Txn.calculateRead(ds, () -> new Analysis(ds.asDatasetGraph(), ReasonService.GRAPH, LocalDate.parse("2021-03-01")));
        Analysis in2023 = Txn.calculateRead(ds, () -> new Analysis(ds.asDatasetGraph(), ReasonService.GRAPH, LocalDate.parse("2023-03-01")));
        assertArrayEquals(new double[] {0.4, 0.4}, in2021.share(n(in2021, "p"), n(in2021, "t")), 1e-12);
        assertNull(in2023.share(n(in2023, "p"), n(in2023, "t")));
    }

    // ------------------------------------------------------------- bad input

    static List<String> messages(Analysis a) {
        return a.findings().stream().map(Finding::toString).toList();
    }

    @Test
    void stakesAddingUpToMoreThanAHundredPercentAreAWarningAndCapTheResult() {
        Analysis a = analyse(store(firms("p", "q", "t") + stake("s1", "p", "t", "70") + stake("s2", "q", "t", "60")));
        assertEquals(List.of("warning: the stakes in t (t) add up to at least 130 % (more than 100 %); they are used as given, "
                + "and effective shares through t (t) are capped at 100 % [test.ttl, record s1; test.ttl, record s2]"), messages(a));
        assertArrayEquals(new double[] {0.7, 0.7}, a.share(n(a, "p"), n(a, "t")), 1e-12);
    }

    @Test
    void aNegativeShareIsAnErrorAndTheStakeIsSetAside() {
        Analysis a = analyse(store(firms("p", "t") + stake("s1", "p", "t", "-10")));
        assertEquals(List.of("error: stake s1 has a share of -10 %, outside 0-100 %; set aside [test.ttl, record s1]"), messages(a));
        assertNull(a.share(n(a, "p"), n(a, "t")));
    }

    @Test
    void aHundredPercentCycleIsAnErrorAndDoesNotHang() {
        Analysis a = analyse(store(firms("a", "b", "c")
                + stake("s1", "a", "b", "100") + stake("s2", "b", "a", "100") + stake("s3", "a", "c", "50")));
        assertEquals(List.of("error: ownership cycle with no outside owner: a (a), b (b) hold all of one another, so shares "
                + "through them have no finite total; these stakes are set aside [test.ttl, record s1; test.ttl, record s2]"),
                messages(a).stream().filter(m -> m.startsWith("error")).toList());
        // what does not pass through the cycle is still computed
        assertArrayEquals(new double[] {0.5, 0.5}, a.share(n(a, "a"), n(a, "c")), 1e-12);
    }

    @Test
    void aStakeWhoseHolderNothingDescribesIsAnErrorNamingTheRecord() {
        Analysis a = analyse(store(firms("t") + stake("s1", "ghost", "t", "30")));
        assertEquals(List.of("error: stake s1 names a holder that nothing in the store describes: ghost; set aside "
                + "[test.ttl, record s1]"), messages(a));
    }

    @Test
    void aDeclaredIndirectShareThatTheChainContradictsIsAWarning() {
        Analysis a = analyse(store(firms("p", "a", "t") + stake("s1", "p", "a", "50") + stake("s2", "a", "t", "50")
                + "id:s3 a rekg:Stake , rekg:DeclaredIndirectStake ; rekg:holder id:p ; rekg:target id:t ; rekg:share 40 .\n"));
        assertEquals(List.of("warning: the indirect stake of p (p) in t (t) disagrees: declared 40 %, the chain gives 25 % "
                + "[test.ttl, record s3]"), messages(a));
        // and the declared share is not added to the chain
        assertArrayEquals(new double[] {0.25, 0.25}, a.share(n(a, "p"), n(a, "t")), 1e-12);
    }

    @Test
    void refreshWritesEffectiveStakesApartFromDirectStakesWithTheirProvenance() {
        Dataset ds = store(firms("p", "a", "t") + stake("s1", "p", "a", "50") + stake("s2", "a", "t", "50"));
        new ReasonService(LocalDate.parse("2025-01-01")).refresh(ds);
        String q = """
                PREFIX rekg: <https://w3id.org/rekg/ontology#>
                PREFIX prov: <http://www.w3.org/ns/prov#>
                SELECT ?share (COUNT(?from) AS ?n) WHERE { GRAPH <https://w3id.org/rekg/graph/inferred/ownership> {
                  ?e a rekg:EffectiveStake ; rekg:effectiveHolder <https://w3id.org/rekg/id/p> ;
                     rekg:effectiveTarget <https://w3id.org/rekg/id/t> ; rekg:effectiveShare ?share ; prov:wasDerivedFrom ?from .
                  FILTER NOT EXISTS { ?e a rekg:Stake } } } GROUP BY ?share""";
        String row = Txn.calculateRead(ds, () -> {
            try (var qe = org.apache.jena.query.QueryExecution.dataset(ds).query(q).build()) {
                var s = qe.execSelect().next();
                return s.getLiteral("share").getLexicalForm() + " " + s.getLiteral("n").getInt();
            }
        });
        assertEquals("25.0 2", row); // TDB2 keeps decimals in canonical form
    }
}
