package org.w3id.rekg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.StringDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.profiles.Profiles;
import org.semanticweb.owlapi.rdf.turtle.parser.TurtleOntologyParserFactory;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/** Checks ontology/rekg.ttl (OWL 2 DL, consistent, documented) and ontology/shapes.ttl (SHACL). */
class OntologyTest {

    private static final String NS = "https://w3id.org/rekg/ontology#";
    private static final String ID = "https://w3id.org/rekg/id/";
    private static final String ONTOLOGY = "https://w3id.org/rekg/ontology";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    private static final String DCT = "http://purl.org/dc/terms/";
    private static final String VANN = "http://purl.org/vocab/vann/";

    private static Path dir;
    private static Model ontology;
    private static OWLOntology owl;

    @BeforeAll
    static void load() throws Exception {
        dir = Path.of(System.getProperty("rekg.project.dir", ".")).resolve("ontology");
        ontology = RDFParser.source(dir.resolve("rekg.ttl")).lang(Lang.TURTLE).toModel();
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        // Only OWLAPI's own Turtle parser: its RDF4J-based (Rio) parsers are built for an older RDF4J
        // than the one the project uses, and fail on load.
        manager.setOntologyParsers(Set.of(new TurtleOntologyParserFactory()));
        owl = manager.loadOntologyFromOntologyDocument(dir.resolve("rekg.ttl").toFile());
    }

    private static OWLReasoner hermit() {
        return hermit(owl);
    }

    private static OWLReasoner hermit(OWLOntology ontology) {
        Configuration configuration = new Configuration();
        // xsd:date, xsd:gYear, xsd:gYearMonth and xsd:duration are outside HermiT's datatype map.
        configuration.ignoreUnsupportedDatatypes = true;
        return new ReasonerFactory().createReasoner(ontology, configuration);
    }

    @Test
    void ontologyIsConsistentForHermiT() {
        OWLReasoner reasoner = hermit();
        try {
            assertTrue(reasoner.isConsistent(), "the ontology is inconsistent");
            Set<String> unsatisfiable = reasoner.getUnsatisfiableClasses().entities()
                    .filter(c -> !c.isOWLNothing())
                    .map(c -> c.getIRI().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(), unsatisfiable, "unsatisfiable classes");
        } finally {
            reasoner.dispose();
        }
    }

    @Test
    void hermitInfersTheContractHierarchy() {
        OWLReasoner reasoner = hermit();
        try {
            var df = owl.getOWLOntologyManager().getOWLDataFactory();
            OWLClass state = df.getOWLClass(IRI.create(NS + "State"));
            Set<String> supers = reasoner.getSuperClasses(state, false).entities()
                    .map(c -> c.getIRI().toString()).collect(Collectors.toSet());
            for (String expected : List.of(NS + "Organization", NS + "Actor", NS + "Place",
                    "http://www.w3.org/ns/prov#Agent", "http://www.opengis.net/ont/geosparql#Feature",
                    "http://www.w3.org/ns/org#Organization")) {
                assertTrue(supers.contains(expected), "State should be under " + expected);
            }
        } finally {
            reasoner.dispose();
        }
    }

    @Test
    void ontologyIsInOwl2DlProfile() {
        OWLProfileReport report = Profiles.OWL2_DL.checkOntology(owl);
        List<String> violations = report.getViolations().stream().map(OWLProfileViolation::toString).toList();
        violations.forEach(System.err::println);
        assertEquals(List.of(), violations, "OWL 2 DL profile violations");
        assertTrue(report.isInProfile());
    }

    @Test
    void everyTermHasEnglishAndFrenchLabelDefinitionAndIsDefinedBy() {
        Property definition = ontology.createProperty(SKOS + "definition");
        Resource ontologyIri = ontology.createResource(ONTOLOGY);
        Set<Resource> terms = new TreeSet<>((a, b) -> a.getURI().compareTo(b.getURI()));
        ontology.listSubjects().forEachRemaining(s -> {
            if (s.isURIResource() && (s.getURI().startsWith(NS) || s.getURI().startsWith(ID))) {
                terms.add(s);
            }
        });
        List<String> problems = new ArrayList<>();
        for (Resource term : terms) {
            if (!hasLang(term, RDFS.label, "en")) problems.add(term + ": no English rdfs:label");
            if (!hasLang(term, RDFS.label, "fr")) problems.add(term + ": no French rdfs:label");
            if (!hasLang(term, definition, "en")) problems.add(term + ": no English skos:definition");
            if (!term.hasProperty(RDFS.isDefinedBy, ontologyIri)) problems.add(term + ": no rdfs:isDefinedBy");
            if (!term.hasProperty(RDF.type)) problems.add(term + ": no rdf:type");
        }
        assertEquals(List.of(), problems);
        assertTrue(terms.size() > 150, "expected the full vocabulary, found " + terms.size() + " terms");
    }

    @Test
    void everyTermOfTheContractIsDeclaredWithItsKind() {
        for (String c : List.of("Material", "RareEarthElement", "Site", "Mine", "State", "Person", "Stake",
                "Agreement", "PolicyMeasure", "Suspension", "ShareObservation", "FigureObservation",
                "SourceDocument", "Claim", "SourceKind")) {
            assertTrue(ontology.contains(ontology.createResource(NS + c), RDF.type, OWL2.Class), c);
        }
        for (String p : List.of("locatedIn", "about", "holder", "target", "operates", "operatedBy",
                "hasStake", "suspendedMeasure", "observedActor", "memberOf", "partOf")) {
            assertTrue(ontology.contains(ontology.createResource(NS + p), RDF.type, OWL2.ObjectProperty), p);
        }
        assertTrue(ontology.contains(ontology.createResource(NS + "locatedIn"), RDF.type, OWL2.TransitiveProperty));
        Resource temporal = ontology.createResource(NS + "temporal");
        for (String p : List.of("date", "startDate", "endDate", "signedOn", "adoptedOn", "announcedOn",
                "effectiveFrom", "restartedIn", "closedIn", "openedIn", "constructionStart", "establishedIn", "year")) {
            assertRange(p, temporal);
        }
        for (String p : List.of("share", "shareMin", "shareMax", "targetShare", "threshold", "amount", "value")) {
            assertRange(p, ontology.createResource(XSD + "decimal"));
        }
        assertRange("targetYear", ontology.createResource(XSD + "gYear"));
        assertRange("duration", ontology.createResource(XSD + "duration"));
        assertRange("atomicNumber", ontology.createResource(XSD + "integer"));
        assertRange("locator", ontology.createResource(XSD + "string"));
        assertTrue(ontology.contains(temporal, RDF.type, RDFS.Datatype));
    }

    private static void assertRange(String property, Resource range) {
        Resource p = ontology.createResource(NS + property);
        assertTrue(ontology.contains(p, RDF.type, OWL2.DatatypeProperty), property + " is a datatype property");
        assertEquals(List.of(range), ontology.listObjectsOfProperty(p, RDFS.range).toList(), property + " range");
    }

    @Test
    void controlledVocabularyTermsAreNamedIndividualsOfTheirClass() {
        for (String[] t : new String[][] {{"stage/extraction", "ValueChainStage"},
                {"stage/processing", "ValueChainStage"}, {"product/permanent-magnet", "ProductForm"},
                {"interest/shareholding", "InterestKind"}, {"group/heavy", "ElementGroup"},
                {"status/under-construction", "SiteStatus"}, {"sourcekind/reference", "SourceKind"}}) {
            Resource r = ontology.createResource(ID + t[0]);
            assertTrue(ontology.contains(r, RDF.type, OWL2.NamedIndividual), t[0]);
            assertTrue(ontology.contains(r, RDF.type, ontology.createResource(NS + t[1])), t[0]);
        }
    }

    /** The ontology plus some assertions in Turtle, loaded as one OWL ontology. */
    private static OWLOntology withData(String turtle) throws Exception {
        String text = Files.readString(dir.resolve("rekg.ttl")) + """
                @prefix id: <https://w3id.org/rekg/id/> .
                """ + turtle;
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.setOntologyParsers(Set.of(new TurtleOntologyParserFactory()));
        return manager.loadOntologyFromOntologyDocument(
                new StringDocumentSource(text, "https://w3id.org/rekg/test", new TurtleDocumentFormat(), null));
    }

    @Test
    void typicalDataKeepsTheOntologyConsistent() throws Exception {
        OWLOntology data = withData("""
                id:state-cn a rekg:State ; rekg:memberOf id:g20 .
                id:state-us a rekg:State .
                id:california a rekg:Region ; rekg:locatedIn id:state-us .
                id:mountain-pass a rekg:Mine ; rekg:locatedIn id:california ; rekg:status id:status-operating ;
                    rekg:operatedBy id:mp-materials ; rekg:restartedIn "2012"^^xsd:gYear .
                id:mp-materials a rekg:Firm ; rekg:nationality id:state-us ; rekg:headquarteredIn id:state-us .
                id:us-dod a rekg:Ministry ; rekg:governmentOf id:state-us .
                id:stake a rekg:Stake ; rekg:holder id:us-dod ; rekg:target id:mp-materials ;
                    rekg:share "15"^^xsd:decimal ; rekg:startDate "2025-07"^^xsd:gYearMonth .
                id:obs a rekg:ShareObservation ; rekg:observedActor id:state-cn ; rekg:share "60"^^xsd:decimal ;
                    rekg:material id:rare-earths ; rekg:year "2025"^^xsd:gYear .
                id:rare-earths a rekg:MaterialGroup .
                id:donald-trump a rekg:Person ; rekg:holdsOfficeIn id:state-us ; rekg:role "President" .
                id:busan a rekg:Town .
                id:summit a rekg:Summit ; rekg:participant id:donald-trump , id:state-cn ; rekg:eventPlace id:busan ;
                    rekg:date "2025-10-30"^^xsd:date .
                id:licences a rekg:ExportLicenceRequirement ; rekg:imposedBy id:state-cn ; rekg:appliesTo id:rare-earths ;
                    rekg:directedAt id:state-us .
                id:pause a rekg:Suspension ; rekg:suspendedMeasure id:licences ; rekg:suspendedBy id:summit ;
                    rekg:duration "P1Y"^^xsd:duration .
                """);
        OWLReasoner reasoner = hermit(data);
        try {
            assertTrue(reasoner.isConsistent(), "typical data made the ontology inconsistent");
            var df = data.getOWLOntologyManager().getOWLDataFactory();
            // locatedIn is transitive: the mine is in the United States.
            assertTrue(reasoner.getObjectPropertyValues(
                    df.getOWLNamedIndividual(IRI.create(ID + "mountain-pass")),
                    df.getOWLObjectProperty(IRI.create(NS + "locatedIn"))).containsEntity(
                    df.getOWLNamedIndividual(IRI.create(ID + "state-us"))));
            // operatedBy is the inverse of operates.
            assertTrue(reasoner.getObjectPropertyValues(
                    df.getOWLNamedIndividual(IRI.create(ID + "mp-materials")),
                    df.getOWLObjectProperty(IRI.create(NS + "operates"))).containsEntity(
                    df.getOWLNamedIndividual(IRI.create(ID + "mountain-pass"))));
        } finally {
            reasoner.dispose();
        }
    }

    @Test
    void aPersonTypedAsAnOrganizationIsInconsistent() throws Exception {
        OWLReasoner reasoner = hermit(withData("id:someone a rekg:Person , rekg:Firm ."));
        try {
            assertFalse(reasoner.isConsistent());
        } finally {
            reasoner.dispose();
        }
    }

    @Test
    void headerHasVersionIriLicenceAndPrefix() {
        Resource o = ontology.createResource(ONTOLOGY);
        assertTrue(o.hasProperty(RDF.type, OWL2.Ontology));
        assertEquals("https://w3id.org/rekg/ontology/0.1.0", o.getPropertyResourceValue(OWL2.versionIRI).getURI());
        assertEquals("0.1.0", o.getProperty(OWL2.versionInfo).getString());
        assertEquals("https://creativecommons.org/licenses/by/4.0/",
                o.getPropertyResourceValue(ontology.createProperty(DCT + "license")).getURI());
        assertEquals("rekg", o.getProperty(ontology.createProperty(VANN + "preferredNamespacePrefix")).getString());
        assertEquals(NS, o.getProperty(ontology.createProperty(VANN + "preferredNamespaceUri")).getString());
        assertTrue(hasLang(o, ontology.createProperty(DCT + "title"), "en"));
        assertTrue(hasLang(o, ontology.createProperty(DCT + "title"), "fr"));
        assertTrue(o.hasProperty(ontology.createProperty(DCT + "description")));
        assertTrue(o.hasProperty(ontology.createProperty(DCT + "creator")));
        assertTrue(o.hasProperty(ontology.createProperty(DCT + "issued")));
        assertFalse(o.hasProperty(OWL2.imports), "the ontology must stay self-contained");
        assertEquals(IRI.create(ONTOLOGY), owl.getOntologyID().getOntologyIRI().orElseThrow());
    }

    // ---------------------------------------------------------------- SHACL

    private static Shapes shapes() {
        return Shapes.parse(RDFDataMgr.loadGraph(dir.resolve("shapes.ttl").toString()));
    }

    @Test
    void shapesParseAsShacl() {
        Shapes shapes = shapes();
        assertFalse(shapes.isEmpty(), "no shapes");
        assertTrue(shapes.numRootShapes() >= 8, "expected at least 8 root shapes, got " + shapes.numRootShapes());
    }

    @Test
    void ontologyGraphItselfConformsToTheShapes() {
        ValidationReport report = ShaclValidator.get().validate(shapes(), ontology.getGraph());
        assertEquals(List.of(), report.getEntries().stream().map(Object::toString).toList());
    }

    /** A small graph with one stake as the loader would write it, with its claim and source. */
    private static Model stakeData(String share) {
        String ttl = """
                @prefix rekg: <https://w3id.org/rekg/ontology#> .
                @prefix id: <https://w3id.org/rekg/id/> .
                @prefix prov: <http://www.w3.org/ns/prov#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <https://w3id.org/rekg/id/source/test> a rekg:SourceDocument ; dct:title "Test source" ;
                    rdfs:label "Test source"@en .
                <https://w3id.org/rekg/id/dod-stake> a rekg:Stake ; rdfs:label "a stake"@en ;
                    rekg:holder id:dod ; rekg:target id:firm ;
                    rekg:share "%s"^^xsd:decimal ; rekg:startDate "2025-07"^^xsd:gYearMonth .
                id:dod a rekg:Agency ; rdfs:label "a defence department"@en .
                id:firm a rekg:Firm ; rdfs:label "a firm"@en .
                <https://w3id.org/rekg/id/claim/dod-stake> a rekg:Claim ; rdfs:label "claim"@en ;
                    rekg:about <https://w3id.org/rekg/id/dod-stake> ;
                    prov:wasDerivedFrom <https://w3id.org/rekg/id/source/test> ;
                    rekg:locator "p. 1" .
                """.formatted(share);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(ttl, Lang.TURTLE).parse(m);
        return m;
    }

    @Test
    void shapesAcceptAValidStake() {
        ValidationReport report = ShaclValidator.get().validate(shapes(), stakeData("15").getGraph());
        if (!report.conforms()) {
            report.getEntries().forEach(e -> System.err.println(e));
        }
        assertTrue(report.conforms());
    }

    @Test
    void shapesRejectAStakeOver100() {
        ValidationReport report = ShaclValidator.get().validate(shapes(), stakeData("140").getGraph());
        assertFalse(report.conforms());
        assertEquals(1, report.getEntries().size(), report.getEntries().toString());
        assertEquals(NS + "share", path(report.getEntries().iterator().next()));
    }

    @Test
    void shapesRejectAClaimWithoutSourceOrLocator() {
        Model m = stakeData("15");
        Resource claim = m.createResource(ID + "claim/dod-stake");
        claim.removeAll(m.createProperty("http://www.w3.org/ns/prov#wasDerivedFrom"));
        claim.removeAll(m.createProperty(NS + "locator"));
        ValidationReport report = ShaclValidator.get().validate(shapes(), m.getGraph());
        assertEquals(2, report.getEntries().size(), report.getEntries().toString());
    }

    @Test
    void shapesRejectShareMinAboveShareMaxAndABadDate() {
        Model m = stakeData("15");
        Resource obs = m.createResource(ID + "obs");
        obs.addProperty(RDF.type, m.createResource(NS + "ShareObservation"))
                .addProperty(RDFS.label, "observation", "en")
                .addProperty(m.createProperty(NS + "observedActor"), m.createResource(ID + "dod"))
                .addLiteral(m.createProperty(NS + "shareMin"), m.createTypedLiteral("80", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal))
                .addLiteral(m.createProperty(NS + "shareMax"), m.createTypedLiteral("70", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal))
                .addProperty(m.createProperty(NS + "year"), "2024");
        ValidationReport report = ShaclValidator.get().validate(shapes(), m.getGraph());
        Set<String> paths = report.getEntries().stream().map(OntologyTest::path)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(NS + "shareMin", NS + "year"), paths, report.getEntries().toString());
    }

    @Test
    void shapesRejectAStateWithABadIsoCodeAndAnUnlabelledEntity() {
        Model m = stakeData("15");
        m.createResource(ID + "state/XX")
                .addProperty(RDF.type, m.createResource(NS + "State"))
                .addProperty(m.createProperty(NS + "iso3166Alpha2"), "xxx");
        ValidationReport report = ShaclValidator.get().validate(shapes(), m.getGraph());
        Set<String> paths = report.getEntries().stream().map(OntologyTest::path)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(NS + "iso3166Alpha2", RDFS.label.getURI()), paths, report.getEntries().toString());
    }

    /** The IRI of the (single-property) result path of a SHACL report entry. */
    private static String path(ReportEntry entry) {
        if (entry.resultPath() instanceof P_Link link) {
            return link.getNode().getURI();
        }
        return String.valueOf(entry.resultPath());
    }

    private static boolean hasLang(Resource r, Property p, String lang) {
        for (Statement s : r.listProperties(p).toList()) {
            RDFNode o = s.getObject();
            if (o.isLiteral()) {
                Literal l = o.asLiteral();
                if (lang.equals(l.getLanguage()) && !l.getLexicalForm().isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }
}
