package org.w3id.rekg.vocab;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * What the loader needs to know about the ontology's terms: which local names are classes,
 * which are object or datatype properties (and their datatype), and which vocabulary
 * individuals exist. Read from the ontology graph itself, so adding a term to
 * {@code ontology/rekg.ttl} is enough to use it in a source file.
 */
public final class OntologyTerms {
    /** How a property's YAML value is read. */
    public enum Kind { OBJECT, DATA }

    /** A property of the ontology: its kind and, for a datatype property, its range. */
    public record Property(String localName, Kind kind, Optional<String> range) {}

    private final Set<String> classes = new HashSet<>();
    private final Map<String, Property> properties = new HashMap<>();
    private final Set<String> individualIds = new HashSet<>();

    public OntologyTerms(Graph ontology) {
        ontology.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
            Node s = t.getSubject();
            Node type = t.getObject();
            if (!s.isURI()) {
                return;
            }
            String iri = s.getURI();
            if (iri.startsWith(Rekg.NS)) {
                String local = iri.substring(Rekg.NS.length());
                if (type.equals(OWL2.Class.asNode())) {
                    classes.add(local);
                } else if (type.equals(OWL2.ObjectProperty.asNode())) {
                    properties.put(local, new Property(local, Kind.OBJECT, Optional.empty()));
                } else if (type.equals(OWL2.DatatypeProperty.asNode())) {
                    properties.put(local, new Property(local, Kind.DATA, range(ontology, s)));
                }
            } else if (iri.startsWith(Rekg.ID) && type.equals(OWL2.NamedIndividual.asNode())) {
                individualIds.add(iri.substring(Rekg.ID.length()));
            }
        });
    }

    private static Optional<String> range(Graph g, Node property) {
        return g.find(property, RDFS.range.asNode(), Node.ANY).toList().stream()
                .map(Triple::getObject).filter(Node::isURI).map(Node::getURI).findFirst();
    }

    public boolean isClass(String localName) {
        return classes.contains(localName);
    }

    public Optional<Property> property(String localName) {
        return Optional.ofNullable(properties.get(localName));
    }

    /** Ids (relative to {@link Rekg#ID}) of the vocabulary individuals the ontology declares. */
    public Set<String> individualIds() {
        return individualIds;
    }

    public Set<String> classNames() {
        return classes;
    }
}
