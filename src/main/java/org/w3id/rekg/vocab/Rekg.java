package org.w3id.rekg.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The REKG namespaces and the IRIs the code needs by name. */
public final class Rekg {
    private Rekg() {}

    public static final String BASE = "https://w3id.org/rekg/";
    /** Classes and properties. */
    public static final String NS = BASE + "ontology#";
    /** Entities, claims, sources and vocabulary terms. */
    public static final String ID = BASE + "id/";
    /** Named graphs. */
    public static final String GRAPH = BASE + "graph/";
    public static final String ONTOLOGY_IRI = BASE + "ontology";

    public static final Node GRAPH_ONTOLOGY = NodeFactory.createURI(GRAPH + "ontology");
    public static final Node GRAPH_REFERENCE = NodeFactory.createURI(GRAPH + "reference");
    public static final Node GRAPH_INFERRED = NodeFactory.createURI(GRAPH + "inferred");
    /** Build metadata: the hash of the inputs the store was built from. */
    public static final Node GRAPH_META = NodeFactory.createURI(GRAPH + "meta");

    public static final String PROV = "http://www.w3.org/ns/prov#";
    public static final String DCT = "http://purl.org/dc/terms/";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    public static final String GEO = "http://www.opengis.net/ont/geosparql#";
    public static final String FOAF = "http://xmlns.com/foaf/0.1/";
    public static final String ORG = "http://www.w3.org/ns/org#";

    public static Node term(String localName) {
        return NodeFactory.createURI(NS + localName);
    }

    public static Node id(String id) {
        return NodeFactory.createURI(ID + id);
    }

    public static Node graph(String sourceId) {
        return NodeFactory.createURI(GRAPH + sourceId);
    }

    public static Node source(String sourceId) {
        return NodeFactory.createURI(ID + "source/" + sourceId);
    }

    public static Node claim(String recordId) {
        return NodeFactory.createURI(ID + "claim/" + recordId);
    }

    public static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
