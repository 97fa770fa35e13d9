package org.w3id.rekg.link;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.vocab.Rekg;

/**
 * A link set: links from REKG to one other dataset, written as a named graph
 * {@code graph/linkset/<name>} that holds
 * <ul>
 * <li>the link triples themselves ({@code id:state/CN owl:sameAs wd:Q148});</li>
 * <li>for each, a {@code rekg:Link} (an RDF reification: {@code rdf:subject}, {@code rdf:predicate},
 *     {@code rdf:object}) with {@code rekg:linkMethod}, {@code rekg:linkScore},
 *     {@code rekg:matchEvidence} and {@code dct:created};</li>
 * <li>a VoID description: the graph is a {@code void:Dataset} with one {@code void:Linkset}
 *     subset per link predicate ({@code void:linkPredicate}, {@code void:subjectsTarget},
 *     {@code void:objectsTarget}, {@code void:triples}).</li>
 * </ul>
 */
public final class LinkSet {
    public static final String VOID = "http://rdfs.org/ns/void#";
    /** The REKG dataset, as VoID's subjects target. */
    public static final Node REKG_DATASET = Rekg.id("dataset/rekg");

    private final String name;
    private final String title;
    private final Node objectsTarget;
    private final String objectsUriSpace;
    private final String objectsTitle;
    private final String endpoint;
    private final List<Link> links = new ArrayList<>();
    private final List<org.apache.jena.graph.Triple> extra = new ArrayList<>();

    /**
     * @param name            the link set's name: the graph is {@code graph/linkset/<name>}
     * @param title           what it links, in words
     * @param objectsTarget   short name of the other dataset ({@code wikidata}); {@code id:dataset/<it>}
     * @param objectsUriSpace the other dataset's IRI prefix
     * @param objectsTitle    the other dataset's name
     * @param endpoint        its SPARQL endpoint, or null
     */
    public LinkSet(String name, String title, String objectsTarget, String objectsUriSpace, String objectsTitle, String endpoint) {
        this.name = name;
        this.title = title;
        this.objectsTarget = Rekg.id("dataset/" + objectsTarget);
        this.objectsUriSpace = objectsUriSpace;
        this.objectsTitle = objectsTitle;
        this.endpoint = endpoint;
    }

    public static Node graphName(String name) {
        return Rekg.graph("linkset/" + name);
    }

    public Node graphName() {
        return graphName(name);
    }

    public LinkSet add(Link link) {
        links.add(link);
        return this;
    }

    public LinkSet addAll(List<Link> more) {
        links.addAll(more);
        return this;
    }

    /** A triple that goes with the links (an identifier the match found), written in the same graph. */
    public LinkSet addTriple(Node s, Node p, Node o) {
        extra.add(org.apache.jena.graph.Triple.create(s, p, o));
        return this;
    }

    public List<Link> links() {
        return links;
    }

    /** The graph: link triples, link descriptions made at {@code when}, and the VoID description. */
    public Graph toGraph(Instant when) {
        Graph g = GraphFactory.createDefaultGraph();
        Node created = NodeFactory.createLiteralDT(when.toString(), XSDDatatype.XSDdateTime);
        Node set = graphName();
        Map<Node, Integer> byPredicate = new LinkedHashMap<>();
        for (Link l : links) {
            if (g.contains(l.subject(), l.predicate(), l.object())) {
                continue;
            }
            g.add(l.subject(), l.predicate(), l.object());
            Node n = l.node(name);
            g.add(n, RDF.type.asNode(), Rekg.term("Link"));
            g.add(n, RDF.subject.asNode(), l.subject());
            g.add(n, RDF.predicate.asNode(), l.predicate());
            g.add(n, RDF.object.asNode(), l.object());
            g.add(n, Rekg.term("linkMethod"), l.method().node());
            g.add(n, Rekg.term("linkScore"), NodeFactory.createLiteralDT(l.score().toPlainString(), XSDDatatype.XSDdecimal));
            if (l.evidence() != null && !l.evidence().isBlank()) {
                g.add(n, Rekg.term("matchEvidence"), NodeFactory.createLiteralString(l.evidence()));
            }
            g.add(n, DCTerms.created.asNode(), created);
            g.add(n, voidTerm("inDataset"), subset(l.predicate()));
            byPredicate.merge(l.predicate(), 1, Integer::sum);
        }
        extra.forEach(g::add);
        g.add(set, RDF.type.asNode(), voidTerm("Dataset"));
        g.add(set, DCTerms.title.asNode(), NodeFactory.createLiteralLang(title, "en"));
        g.add(set, RDFS.label.asNode(), NodeFactory.createLiteralLang(title, "en"));
        g.add(set, DCTerms.modified.asNode(), created);
        g.add(set, voidTerm("triples"), integer(byPredicate.values().stream().mapToLong(Integer::longValue).sum()));
        byPredicate.forEach((p, count) -> {
            Node sub = subset(p);
            g.add(set, voidTerm("subset"), sub);
            g.add(sub, RDF.type.asNode(), voidTerm("Linkset"));
            g.add(sub, voidTerm("linkPredicate"), p);
            g.add(sub, voidTerm("subjectsTarget"), REKG_DATASET);
            g.add(sub, voidTerm("objectsTarget"), objectsTarget);
            g.add(sub, voidTerm("triples"), integer(count));
        });
        g.add(REKG_DATASET, RDF.type.asNode(), voidTerm("Dataset"));
        g.add(REKG_DATASET, DCTerms.title.asNode(), NodeFactory.createLiteralLang("REKG, the rare-earth knowledge graph", "en"));
        g.add(REKG_DATASET, voidTerm("uriSpace"), NodeFactory.createLiteralString(Rekg.ID));
        g.add(objectsTarget, RDF.type.asNode(), voidTerm("Dataset"));
        g.add(objectsTarget, DCTerms.title.asNode(), NodeFactory.createLiteralLang(objectsTitle, "en"));
        g.add(objectsTarget, voidTerm("uriSpace"), NodeFactory.createLiteralString(objectsUriSpace));
        if (endpoint != null) {
            g.add(objectsTarget, voidTerm("sparqlEndpoint"), NodeFactory.createURI(endpoint));
        }
        return g;
    }

    private Node subset(Node predicate) {
        String local = predicate.getURI().substring(Math.max(predicate.getURI().lastIndexOf('#'), predicate.getURI().lastIndexOf('/')) + 1);
        return NodeFactory.createURI(graphName().getURI() + "#" + local);
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    public static Node voidTerm(String local) {
        return NodeFactory.createURI(VOID + local);
    }
}
