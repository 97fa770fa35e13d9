package org.w3id.rekg.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.w3id.rekg.vocab.Rekg;

/**
 * The RDF of an ingested document, in NIF 2.0: a {@code nif:Context} holding the whole text, its
 * {@code nif:Sentence}s and its mentions ({@code nif:Phrase} with {@code itsrdf:taIdentRef} to the
 * linked entity and {@code itsrdf:taConfidence}); strings are named with RFC 5147 fragments
 * ({@code <https://w3id.org/rekg/doc/ID#char=10,16>}). Offsets count Unicode code points, as NIF
 * requires. Candidates go to the review graph, described with REKG's ingest vocabulary.
 */
public final class Nif {
    public static final String NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
    public static final String ITSRDF = "http://www.w3.org/2005/11/its/rdf#";
    /** REKG's own terms for ingested documents and review candidates. */
    public static final String ING = Rekg.BASE + "ingest#";
    public static final String DOC_BASE = Rekg.BASE + "doc/";
    public static final Node REVIEW_GRAPH = NodeFactory.createURI(Rekg.GRAPH + "review");

    static final Node CONTEXT = nif("Context");
    static final Node SENTENCE = nif("Sentence");
    static final Node PHRASE = nif("Phrase");
    static final Node STRING = nif("String");
    static final Node RFC5147 = nif("RFC5147String");
    static final Node OFFSET_BASED = nif("OffsetBasedString");
    static final Node IS_STRING = nif("isString");
    static final Node BEGIN = nif("beginIndex");
    static final Node END = nif("endIndex");
    static final Node ANCHOR = nif("anchorOf");
    static final Node REFERENCE_CONTEXT = nif("referenceContext");
    static final Node IN_SENTENCE = nif("sentence");
    static final Node NEXT_SENTENCE = nif("nextSentence");
    static final Node PRED_LANG = nif("predLang");
    static final Node TA_IDENT_REF = NodeFactory.createURI(ITSRDF + "taIdentRef");
    static final Node TA_CONFIDENCE = NodeFactory.createURI(ITSRDF + "taConfidence");
    static final Node TA_CLASS_REF = NodeFactory.createURI(ITSRDF + "taClassRef");
    static final Node DCT_TITLE = NodeFactory.createURI(Rekg.DCT + "title");
    static final Node DCT_LANGUAGE = NodeFactory.createURI(Rekg.DCT + "language");
    static final Node DCT_CREATED = NodeFactory.createURI(Rekg.DCT + "created");
    static final Node PROV_DERIVED = NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom");
    public static final Node FILE_NAME = ing("fileName");
    public static final Node SHA256 = ing("sha256");
    public static final Node FORMAT = ing("format");
    public static final Node FINGERPRINT = ing("fingerprint");
    public static final Node DOC_ID = ing("documentId");
    public static final Node SENTENCE_NUMBER = ing("sentenceNumber");
    public static final Node CANDIDATE = ing("Candidate");
    public static final Node PATTERN = ing("pattern");
    public static final Node PROPOSED_CLASS = ing("proposedClass");
    public static final Node PROPOSED_SUBJECT = ing("proposedSubject");
    public static final Node PROPOSED_LABEL = ing("proposedLabel");
    public static final Node PROPOSES = ing("proposes");
    public static final Node PROPERTY = ing("property");
    public static final Node VALUE = ing("value");
    public static final Node EVIDENCE = ing("evidence");
    public static final Node DOCUMENT = ing("document");
    public static final Node STATUS = ing("status");
    public static final Node ACCEPTED_AS = ing("acceptedAs");

    private Nif() {}

    static Node nif(String local) {
        return NodeFactory.createURI(NIF + local);
    }

    static Node ing(String local) {
        return NodeFactory.createURI(ING + local);
    }

    public static Node docGraph(String docId) {
        return NodeFactory.createURI(Rekg.GRAPH + "doc/" + docId);
    }

    public static Node context(String docId, int length) {
        return NodeFactory.createURI(DOC_BASE + docId + "#char=0," + length);
    }

    public static Node candidate(String candidateId) {
        return Rekg.id("candidate/" + candidateId);
    }

    /** Code-point offsets of a text whose char offsets may differ (surrogate pairs). */
    static final class Offsets {
        private final String text;
        private final boolean simple;

        Offsets(String text) {
            this.text = text;
            this.simple = text.codePoints().count() == text.length();
        }

        int at(int charIndex) {
            return simple ? charIndex : text.codePointCount(0, charIndex);
        }
    }

    /** Everything known about an ingested document, ready to be written. */
    public record Document(String docId, String fileName, String sha256, String fingerprint, String format,
            String title, String lang, String text, List<Sentences.Span> sentences, List<Mention> mentions,
            List<Candidate> candidates, Map<String, String> meta) {}

    /** Where a document's metadata is kept on its NIF context, by source-header key. */
    public static final Map<String, Node> META = Map.of("creator", NodeFactory.createURI("http://purl.org/dc/terms/creator"),
            "publisher", NodeFactory.createURI("http://purl.org/dc/terms/publisher"),
            "issued", NodeFactory.createURI("http://purl.org/dc/terms/issued"),
            "url", NodeFactory.createURI("http://purl.org/dc/terms/source"));

    /** The document's NIF graph. */
    public static Graph documentGraph(Document d) {
        Graph g = GraphFactory.createDefaultGraph();
        Offsets off = new Offsets(d.text());
        String base = DOC_BASE + d.docId() + "#char=";
        int len = off.at(d.text().length());
        Node ctx = NodeFactory.createURI(base + "0," + len);
        g.add(ctx, RDF.type.asNode(), CONTEXT);
        g.add(ctx, RDF.type.asNode(), OFFSET_BASED);
        g.add(ctx, RDF.type.asNode(), RFC5147);
        g.add(ctx, IS_STRING, NodeFactory.createLiteralString(d.text()));
        g.add(ctx, BEGIN, index(0));
        g.add(ctx, END, index(len));
        if (d.title() != null && !d.title().isBlank()) {
            g.add(ctx, DCT_TITLE, NodeFactory.createLiteralString(d.title().strip()));
        }
        g.add(ctx, DCT_LANGUAGE, NodeFactory.createLiteralString(d.lang()));
        d.meta().forEach((k, v) -> {
            if (META.containsKey(k)) {
                g.add(ctx, META.get(k), NodeFactory.createLiteralString(v));
            }
        });
        g.add(ctx, PRED_LANG, NodeFactory.createURI("http://lexvo.org/id/iso639-3/" + (d.lang().equals("fr") ? "fra" : "eng")));
        g.add(ctx, FILE_NAME, NodeFactory.createLiteralString(d.fileName()));
        g.add(ctx, SHA256, NodeFactory.createLiteralString(d.sha256()));
        g.add(ctx, FINGERPRINT, NodeFactory.createLiteralString(d.fingerprint()));
        g.add(ctx, FORMAT, NodeFactory.createLiteralString(d.format()));
        g.add(ctx, DOC_ID, NodeFactory.createLiteralString(d.docId()));
        g.add(ctx, DCT_CREATED, NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime));
        Node[] sentenceNodes = new Node[d.sentences().size()];
        Node previous = null;
        for (int i = 0; i < d.sentences().size(); i++) {
            Sentences.Span s = d.sentences().get(i);
            Node n = NodeFactory.createURI(base + off.at(s.begin()) + "," + off.at(s.end()));
            sentenceNodes[i] = n;
            g.add(n, RDF.type.asNode(), SENTENCE);
            g.add(n, RDF.type.asNode(), RFC5147);
            g.add(n, REFERENCE_CONTEXT, ctx);
            g.add(n, BEGIN, index(off.at(s.begin())));
            g.add(n, END, index(off.at(s.end())));
            g.add(n, ANCHOR, NodeFactory.createLiteralString(d.text().substring(s.begin(), s.end())));
            g.add(n, SENTENCE_NUMBER, NodeFactory.createLiteralDT(Integer.toString(s.number()), XSDDatatype.XSDinteger));
            if (previous != null) {
                g.add(previous, NEXT_SENTENCE, n);
            }
            previous = n;
        }
        int si = 0;
        for (Mention m : d.mentions()) {
            while (si < sentenceNodes.length && d.sentences().get(si).end() <= m.begin()) {
                si++;
            }
            Node n = NodeFactory.createURI(base + off.at(m.begin()) + "," + off.at(m.end()));
            g.add(n, RDF.type.asNode(), PHRASE);
            g.add(n, RDF.type.asNode(), STRING);
            g.add(n, RDF.type.asNode(), RFC5147);
            g.add(n, REFERENCE_CONTEXT, ctx);
            g.add(n, BEGIN, index(off.at(m.begin())));
            g.add(n, END, index(off.at(m.end())));
            g.add(n, ANCHOR, NodeFactory.createLiteralString(m.anchor()));
            g.add(n, TA_IDENT_REF, Rekg.id(m.entity()));
            g.add(n, TA_CLASS_REF, Rekg.term(m.type()));
            g.add(n, TA_CONFIDENCE, NodeFactory.createLiteralDT(Double.toString(m.confidence()), XSDDatatype.XSDdouble));
            if (si < sentenceNodes.length && d.sentences().get(si).begin() <= m.begin()) {
                g.add(n, IN_SENTENCE, sentenceNodes[si]);
            }
        }
        return g;
    }

    /** The document's candidates, as triples of the review graph. */
    public static Graph reviewTriples(Document d) {
        Graph g = GraphFactory.createDefaultGraph();
        Offsets off = new Offsets(d.text());
        Node ctx = context(d.docId(), off.at(d.text().length()));
        int n = 0;
        for (Candidate c : d.candidates()) {
            String id = d.docId() + "-" + (++n);
            Node cand = candidate(id);
            g.add(cand, RDF.type.asNode(), CANDIDATE);
            g.add(cand, PATTERN, NodeFactory.createLiteralString(c.pattern()));
            if (c.cls() != null) {
                g.add(cand, PROPOSED_CLASS, Rekg.term(c.cls()));
            }
            if (c.subject() != null) {
                g.add(cand, PROPOSED_SUBJECT, Rekg.id(c.subject()));
            }
            g.add(cand, PROPOSED_LABEL, NodeFactory.createLiteralLang(c.labelEn(), "en"));
            g.add(cand, PROPOSED_LABEL, NodeFactory.createLiteralLang(c.labelFr(), "fr"));
            g.add(cand, DOCUMENT, ctx);
            g.add(cand, DOC_ID, NodeFactory.createLiteralString(d.docId()));
            g.add(cand, PROV_DERIVED, ctx);
            Node evidence = NodeFactory.createURI(DOC_BASE + d.docId() + "#char=" + off.at(c.begin()) + "," + off.at(c.end()));
            g.add(cand, EVIDENCE, evidence);
            g.add(cand, BEGIN, index(off.at(c.begin())));
            g.add(cand, END, index(off.at(c.end())));
            g.add(cand, SENTENCE_NUMBER, NodeFactory.createLiteralDT(Integer.toString(c.sentence()), XSDDatatype.XSDinteger));
            g.add(cand, ANCHOR, NodeFactory.createLiteralString(d.text().substring(c.begin(), c.end())));
            g.add(cand, TA_CONFIDENCE, NodeFactory.createLiteralDT(Double.toString(c.confidence()), XSDDatatype.XSDdouble));
            g.add(cand, STATUS, NodeFactory.createLiteralString("pending"));
            int p = 0;
            for (Map.Entry<String, List<String>> e : c.values().entrySet()) {
                for (String v : e.getValue()) {
                    Node prop = NodeFactory.createURI(cand.getURI() + "/p" + (++p));
                    g.add(cand, PROPOSES, prop);
                    g.add(prop, PROPERTY, Rekg.term(e.getKey()));
                    g.add(prop, VALUE, Candidate.LITERALS.containsKey(e.getKey())
                            ? typed(Candidate.LITERALS.get(e.getKey()), v) : Rekg.id(v));
                }
            }
        }
        return g;
    }

    /** A proposed value with its datatype: numbers as xsd:decimal, years as xsd:gYear, dates by their length. */
    static Node typed(String kind, String v) {
        return switch (kind) {
            case "decimal" -> NodeFactory.createLiteralDT(v, XSDDatatype.XSDdecimal);
            case "year" -> NodeFactory.createLiteralDT(v, XSDDatatype.XSDgYear);
            case "temporal" -> NodeFactory.createLiteralDT(v, v.length() == 4 ? XSDDatatype.XSDgYear
                    : v.length() == 7 ? XSDDatatype.XSDgYearMonth : XSDDatatype.XSDdate);
            default -> NodeFactory.createLiteralString(v);
        };
    }

    private static Node index(int i) {
        return NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDnonNegativeInteger);
    }
}
