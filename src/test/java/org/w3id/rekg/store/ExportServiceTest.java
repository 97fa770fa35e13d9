package org.w3id.rekg.store;

import org.w3id.rekg.pipeline.BuildService;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3id.rekg.TestProject;

/** Every dump Jena writes parses with RDF4J Rio into a graph isomorphic to the store. */
class ExportServiceTest {
    private static final ValueFactory VF = SimpleValueFactory.getInstance();
    private static Dataset store;

    @BeforeAll
    static void build() {
        try (TestProject p = TestProject.create().withRepositorySources()) {
            store = Store.inMemory();
            new BuildService(p.layout()).build(store);
        }
    }

    @ParameterizedTest
    @EnumSource(ExportService.Format.class)
    void dumpReadByRdf4jIsIsomorphicToTheStore(ExportService.Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(store, out);
        RDFFormat rio = switch (format) {
            case TTL -> RDFFormat.TURTLE;
            case TRIG -> RDFFormat.TRIG;
            case NQ -> RDFFormat.NQUADS;
            case JSONLD -> RDFFormat.JSONLD;
            case RDFXML -> RDFFormat.RDFXML;
        };
        Model parsed = Rio.parse(new ByteArrayInputStream(out.toByteArray()), "", rio);
        Model expected = new LinkedHashModel();
        Txn.executeRead(store, () -> store.asDatasetGraph().find().forEachRemaining(q -> expected.add(
                resource(q.getSubject()), VF.createIRI(q.getPredicate().getURI()), value(q.getObject()),
                format.quads() && !Quad.isDefaultGraph(q.getGraph()) ? new Resource[] {resource(q.getGraph())} : new Resource[0])));
        assertTrue(expected.size() > 1000, "the store is not empty");
        assertTrue(Models.isomorphic(expected, parsed), format + ": " + expected.size() + " expected, " + parsed.size() + " parsed");
    }

    private static Resource resource(Node n) {
        return n.isBlank() ? VF.createBNode(n.getBlankNodeLabel()) : VF.createIRI(n.getURI());
    }

    private static Value value(Node n) {
        if (n.isLiteral()) {
            String lang = n.getLiteralLanguage();
            return lang.isEmpty() ? VF.createLiteral(n.getLiteralLexicalForm(), VF.createIRI(n.getLiteralDatatypeURI()))
                    : VF.createLiteral(n.getLiteralLexicalForm(), lang);
        }
        return resource(n);
    }
}
