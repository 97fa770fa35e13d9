package org.w3id.rekg.link;

import org.w3id.rekg.pipeline.Imports;

import org.w3id.rekg.importer.minmod.MinmodImporter;
import org.w3id.rekg.importer.minmod.MinmodImporterTest;
import org.w3id.rekg.importer.usgs.UsgsImporter;
import org.w3id.rekg.importer.usgs.UsgsImporterTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.query.QueryService;

/**
 * The link queries on a store with the imports and link sets: queries/40-*.rq and 41-*.rq with
 * USGS and MinMod imported, and queries/federated/*.rq against a local Fuseki standing in for
 * Wikidata (their SERVICE IRI replaced by the local one).
 */
class LinkQueriesTest {
    static final String WDQS = "https://query.wikidata.org/sparql";
    static Dataset ds;
    static FusekiServer fuseki;
    static String local;

    @BeforeAll
    static void setUp() throws IOException {
        DatasetGraph fixture = DatasetGraphFactory.createTxnMem();
        var wd = RDFParser.source(LinkFixtures.RESOURCES.resolve("wikidata-fixture.ttl")).toGraph();
        Txn.executeWrite(fixture, () -> GraphUtil.addInto(fixture.getDefaultGraph(), wd));
        fuseki = FusekiServer.create().port(0).loopback(true).verbose(false).add("/wd", fixture).build().start();
        local = "http://localhost:" + fuseki.getHttpPort() + "/wd/sparql";
        ds = LinkFixtures.repositoryStore();
        Imports.usgs(ds, LinkFixtures.external(UsgsImporterTest.FILE));
        Imports.minmod(new MinmodImporter(ds, LinkFixtures.REFERENCE), LinkFixtures.external(MinmodImporterTest.SITE));
        new ReferenceLinker(ds, LinkFixtures.REFERENCE).run(Instant.parse("2026-01-01T00:00:00Z"));
        Path cp = Files.createTempFile("rekg-link", ".json");
        new WikidataLinker(ds, new WikidataLinker.Options(local, Duration.ofSeconds(10), cp, false, 50, Clock.systemUTC())).run();
    }

    @AfterAll
    static void tearDown() {
        if (fuseki != null) {
            fuseki.stop();
        }
        if (ds != null) {
            ds.close();
        }
    }

    /** The answer as rows of "column=value" pairs for the columns named. */
    private static List<String> run(String file, List<String> allow, String... columns) throws IOException {
        String text = Files.readString(LinkFixtures.REPO.resolve(file)).replace(WDQS, local);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QueryService(ds).allowService(allow).run(text, QueryService.Format.CSV, out);
        List<String> rows = new ArrayList<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(r.get(c).replace("https://w3id.org/rekg/id/", "").replace("http://www.wikidata.org/entity/", "wd:"));
            }
            rows.add(String.join(" ", cells));
        }
        return rows;
    }

    @Test
    void usgsSharesStandBesideTheSharesTheDocumentsClaim() throws IOException {
        List<String> rows = run("queries/40-usgs-production-shares.rq", List.of(),
                "state", "usgsYear", "usgsProduction", "worldProduction", "usgsShare", "claimedShare", "claimSource");
        assertEquals(List.of(
                "state/CN 2022 210000.0 300000.0 70.0 60.0 lepesant-2025",
                "state/CN 2022 210000.0 300000.0 70.0 70.0 bara-2025",
                "state/CN 2022 210000.0 300000.0 70.0 70.0 wyomingstar-2025-07-10-mp-dod",
                "state/CN 2022 210000.0 300000.0 70.0 75.0 lepesant-2025",
                "state/CN 2023 240000.0 350000.0 68.6 60.0 lepesant-2025",
                "state/CN 2023 240000.0 350000.0 68.6 70.0 bara-2025",
                "state/CN 2023 240000.0 350000.0 68.6 70.0 wyomingstar-2025-07-10-mp-dod",
                "state/CN 2023 240000.0 350000.0 68.6 75.0 lepesant-2025"),
                rows.stream().filter(r -> r.startsWith("state/CN")).sorted().toList());
        assertTrue(rows.contains("state/MM 2023 38000.0 350000.0 10.9  "), rows.toString());
        assertEquals(32, rows.stream().filter(r -> !r.startsWith("state/CN")).count() + 4);
    }

    @Test
    void sitesAreFoundByStateOrInsideABox() throws IOException {
        List<String> rows = run("queries/41-sites-in-area.rq", List.of(), "siteLabel", "area", "state", "lat", "long");
        assertTrue(rows.contains("Montviel Carbonatite box Canada 49.632846 -75.927119"), rows.toString());
        assertTrue(rows.contains("Mount Weld mine Australia Australia  "), rows.toString());
    }

    @Test
    void serviceIsRefusedUnlessItsEndpointIsAllowed() {
        RekgException e = assertThrows(RekgException.class, () -> run("queries/federated/03-elements-atomic-numbers.rq", List.of(), "element"));
        assertEquals(ErrorCode.QUERY, e.code());
        assertEquals("SERVICE <" + local + "> is not allowed: SERVICE is off unless you name the endpoints with --allow-service URL", e.getMessage());
        RekgException other = assertThrows(RekgException.class,
                () -> run("queries/federated/03-elements-atomic-numbers.rq", List.of("http://example.org/sparql"), "element"));
        assertTrue(other.getMessage().endsWith("is not allowed (allowed: http://example.org/sparql)"), other.getMessage());
    }

    @Test
    void federatedStatesQueryJoinsOurCodesWithWikidataLabels() throws IOException {
        List<String> rows = run("queries/federated/01-states-wikidata-labels.rq", List.of(local), "state", "item", "wdLabelFr", "wdIso3", "agree");
        assertTrue(rows.contains("state/CN wd:Q148 république populaire de Chine CHN true"), rows.toString());
        assertTrue(rows.contains("state/MM wd:Q836 Birmanie MMR true"), rows.toString());
    }

    @Test
    void federatedFirmsQueryComparesWikidataCountryWithNationality() throws IOException {
        List<String> rows = run("queries/federated/02-firms-wikidata-country.rq", List.of(local), "firm", "link", "wdCountryState", "agree");
        assertEquals(List.of("mp-materials exactMatch state/US true", "noveon-magnetics closeMatch  unknown",
                "rosatom exactMatch state/RU true"), rows.stream().filter(r -> !r.startsWith("solvay") && !r.startsWith("iwatani")).toList());
    }

    @Test
    void federatedElementsQueryChecksAtomicNumbers() throws IOException {
        List<String> rows = run("queries/federated/03-elements-atomic-numbers.rq", List.of(local), "symbol", "item", "wdLabelFr", "agree");
        assertEquals(List.of("Sc wd:Q920000021 scandium true", "Ga wd:Q920000031 gallium true", "Nd wd:Q920000060 néodyme true",
                "Tb wd:Q920000065 terbium true", "Dy wd:Q920000066 dysprosium true"), rows);
    }
}
