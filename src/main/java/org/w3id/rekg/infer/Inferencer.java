package org.w3id.rekg.infer;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.InfModel;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.reasoner.rulesys.GenericRuleReasoner;
import org.apache.jena.reasoner.rulesys.Rule;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.rekg.vocab.Rekg;

/**
 * Materialises the OWL inferences REKG promises (subclasses, sub-properties, inverse and
 * transitive properties) with Jena's forward rule engine, keeping only what is new about the
 * data: the triples go to the inferred graph, apart from what the sources assert.
 *
 * <pre>{@code
 * Graph inferred = new Inferencer().infer(ontologyGraph, dataGraph);
 * }</pre>
 */
public final class Inferencer {
    /** The entailments materialised; a subset of OWL 2 RL that the ontology needs. */
    static final String RULES = """
            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>.
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>.
            @prefix owl: <http://www.w3.org/2002/07/owl#>.
            [eqClass: (?a owl:equivalentClass ?b) notBNode(?a) notBNode(?b) -> (?a rdfs:subClassOf ?b) (?b rdfs:subClassOf ?a)]
            [subClassTrans: (?a rdfs:subClassOf ?b) notBNode(?b) (?b rdfs:subClassOf ?c) notBNode(?c) -> (?a rdfs:subClassOf ?c)]
            [subClass: (?x rdf:type ?a) (?a rdfs:subClassOf ?b) notBNode(?b) notEqual(?a, ?b) -> (?x rdf:type ?b)]
            [subPropTrans: (?p rdfs:subPropertyOf ?q) (?q rdfs:subPropertyOf ?r) -> (?p rdfs:subPropertyOf ?r)]
            [subProp: (?p rdfs:subPropertyOf ?q) notEqual(?p, ?q) (?x ?p ?y) -> (?x ?q ?y)]
            [inverse1: (?p owl:inverseOf ?q) (?x ?p ?y) -> (?y ?q ?x)]
            [inverse2: (?p owl:inverseOf ?q) (?x ?q ?y) -> (?y ?p ?x)]
            [transitive: (?p rdf:type owl:TransitiveProperty) (?x ?p ?y) (?y ?p ?z) notEqual(?x, ?z) -> (?x ?p ?z)]
            """;

    private final List<Rule> rules = Rule.parseRules(RULES);

    /** The inferred triples about the data (not about the ontology's own terms), minus what is asserted. */
    public Graph infer(Graph ontology, Graph data) {
        Graph base = GraphFactory.createDefaultGraph();
        GraphUtil.addInto(base, ontology);
        GraphUtil.addInto(base, data);
        GenericRuleReasoner reasoner = new GenericRuleReasoner(rules);
        reasoner.setMode(GenericRuleReasoner.FORWARD_RETE);
        InfModel inf = ModelFactory.createInfModel(reasoner, ModelFactory.createModelForGraph(base));
        inf.prepare();
        Graph out = GraphFactory.createDefaultGraph();
        inf.getDeductionsModel().getGraph().find().forEachRemaining(t -> {
            if (isAboutData(t) && !base.contains(t)) {
                out.add(t);
            }
        });
        return out;
    }

    private static boolean isAboutData(Triple t) {
        Node s = t.getSubject();
        return s.isURI() && !s.getURI().startsWith(Rekg.NS) && !s.getURI().equals(Rekg.ONTOLOGY_IRI)
                && !s.getURI().startsWith("http://www.w3.org/") && !s.getURI().startsWith("http://www.opengis.net/")
                && !s.getURI().startsWith("http://xmlns.com/") && !s.getURI().startsWith("http://purl.org/");
    }
}
