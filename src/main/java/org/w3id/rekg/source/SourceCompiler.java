package org.w3id.rekg.source;

import org.w3id.rekg.core.Location;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.vocab.OntologyTerms;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.source.YamlSource.Entry;

/**
 * Turns parsed source files into RDF, one graph per source, checking every value against the
 * ontology: unknown classes and properties, unknown entity ids, duplicate ids, dates, shares
 * outside 0–100 and missing locators are errors that name the file, line and column.
 *
 * <pre>{@code
 * SourceCompiler compiler = new SourceCompiler(terms, referenceIds);
 * Map<Node, Graph> graphs = compiler.compile(List.of(YamlSource.parse(path, "sources/x.yaml")));
 * }</pre>
 */
public final class SourceCompiler {
    /** Keys of a record that are not ontology properties. */
    static final Set<String> RESERVED = Set.of("id", "a", "at", "subject", "label", "altLabel", "comment", "wkt");
    static final Set<String> SHARE_PROPERTIES = Set.of("share", "shareMin", "shareMax", "targetShare");
    static final Set<String> SOURCE_KINDS = Set.of("document", "background", "reference");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9-]*)?");
    private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]+)*");
    private static final Pattern WKT = Pattern.compile(
            "(?s)\\s*(<[^>]+>\\s*)?(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\\s*\\(.*\\)\\s*");
    private static final String TEMPORAL = Rekg.NS + "temporal";
    private static final Node WKT_LITERAL = NodeFactory.createURI(Rekg.GEO + "wktLiteral");

    private final OntologyTerms terms;
    private final Set<String> externalIds;
    /** Where each subject was introduced, for messages about shapes. */
    private final Map<Node, Location> origins = new HashMap<>();

    /**
     * @param terms       the ontology's terms
     * @param externalIds ids defined outside the source files (reference data), relative to {@link Rekg#ID}
     */
    public SourceCompiler(OntologyTerms terms, Set<String> externalIds) {
        this.terms = terms;
        this.externalIds = externalIds;
    }

    /** Where the record that introduced or described {@code node} is, if it came from a source file. */
    public Location origin(Node node) {
        return origins.get(node);
    }

    /** Compiles every source; throws the first error found. Graph names are {@code graph/<source-id>}. */
    public Map<Node, Graph> compile(List<YamlSource> sources) {
        // Pass 1: ids, so that records may refer to entities introduced later or in other files.
        Map<String, Location> ids = new HashMap<>();
        Map<String, Location> sourceIds = new HashMap<>();
        for (YamlSource src : sources) {
            Entry sid = require(src.header(), "id", src.start(), "the 'source:' header");
            String sourceId = scalar(sid);
            if (!SOURCE_ID.matcher(sourceId).matches()) {
                throw new SourceException(ErrorCode.INVALID_VALUE, sid.location(),
                        "source id must be lowercase letters, digits and hyphens, got '" + sourceId + "'");
            }
            Location prev = sourceIds.put(sourceId, sid.location());
            if (prev != null) {
                throw new SourceException(ErrorCode.DUPLICATE_ID, sid.location(),
                        "duplicate source id '" + sourceId + "', first used at " + prev);
            }
            for (Map<String, Entry> rec : src.records()) {
                Entry id = require(rec, "id", recordStart(src, rec), "a record");
                String value = scalar(id);
                if (!ID.matcher(value).matches()) {
                    throw new SourceException(ErrorCode.INVALID_VALUE, id.location(),
                            "id must be lowercase letters, digits and hyphens (optionally 'kind/Name'), got '" + value + "'");
                }
                Location first = ids.containsKey(value) ? ids.get(value) : null;
                if (first != null || externalIds.contains(value) || terms.individualIds().contains(value)) {
                    throw new SourceException(ErrorCode.DUPLICATE_ID, id.location(), "duplicate identifier '" + value
                            + "'" + (first != null ? ", first defined at " + first : ", already defined by the reference data or the ontology"));
                }
                ids.put(value, id.location());
            }
        }
        // Pass 2: the triples.
        Map<Node, Graph> out = new LinkedHashMap<>();
        for (YamlSource src : sources) {
            String sourceId = scalar(src.header().get("id"));
            Graph g = GraphFactory.createDefaultGraph();
            Node source = Rekg.source(sourceId);
            header(src, source, g);
            for (Map<String, Entry> rec : src.records()) {
                record(src, rec, source, ids, g);
            }
            out.put(Rekg.graph(sourceId), g);
        }
        checkLocatedInCycles(out);
        return out;
    }

    /**
     * A place cannot lie inside itself: a chain of {@code locatedIn} that comes back to where it
     * started is an error naming the records of the chain's two ends.
     */
    private void checkLocatedInCycles(Map<Node, Graph> graphs) {
        Node locatedIn = Rekg.term("locatedIn");
        Map<Node, List<Node>> up = new HashMap<>();
        for (Graph g : graphs.values()) {
            g.find(Node.ANY, locatedIn, Node.ANY).forEach(tr -> up.computeIfAbsent(tr.getSubject(), k -> new ArrayList<>()).add(tr.getObject()));
        }
        Map<Node, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (Node start : up.keySet()) {
            Deque<Node> path = new ArrayDeque<>();
            Deque<Iterator<Node>> todo = new ArrayDeque<>();
            if (state.containsKey(start)) {
                continue;
            }
            state.put(start, 1);
            path.push(start);
            todo.push(up.getOrDefault(start, List.of()).iterator());
            while (!todo.isEmpty()) {
                Iterator<Node> it = todo.peek();
                if (!it.hasNext()) {
                    todo.pop();
                    state.put(path.pop(), 2);
                    continue;
                }
                Node next = it.next();
                Integer s = state.get(next);
                if (s != null && s == 1) {
                    Node from = path.peek();
                    Location at = origins.getOrDefault(from, new Location("sources", 0, 0));
                    Location other = origins.get(next);
                    throw new SourceException(ErrorCode.INVALID_VALUE, at, "'" + local(from) + "' is located in '" + local(next)
                            + "', which is itself located in '" + local(from) + "'" + (path.size() > 2 ? " through other places" : "")
                            + ": locatedIn must not go round in a circle (the other record: " + (other == null ? "the reference data" : other) + ")");
                }
                if (s == null) {
                    state.put(next, 1);
                    path.push(next);
                    todo.push(up.getOrDefault(next, List.of()).iterator());
                }
            }
        }
    }

    private static String local(Node n) {
        String uri = n.isURI() ? n.getURI() : n.toString();
        return uri.startsWith(Rekg.ID) ? uri.substring(Rekg.ID.length()) : uri;
    }

    private static Location recordStart(YamlSource src, Map<String, Entry> rec) {
        return rec.values().stream().findFirst().map(Entry::location).orElse(src.start());
    }

    private void header(YamlSource src, Node source, Graph g) {
        Map<String, Entry> h = src.header();
        for (String key : h.keySet()) {
            if (!Set.of("id", "title", "creator", "publisher", "issued", "language", "url", "kind", "comment", "license").contains(key)) {
                throw new SourceException(ErrorCode.UNKNOWN_TERM, h.get(key).location(), "unknown key '" + key
                        + "' in 'source:' (expected id, title, creator, publisher, issued, language, url, kind, comment, license)");
            }
        }
        add(g, source, RDF.type.asNode(), Rekg.term("SourceDocument"));
        Entry title = require(h, "title", src.start(), "the 'source:' header");
        add(g, source, dct("title"), NodeFactory.createLiteralString(scalar(title)));
        Entry kind = require(h, "kind", src.start(), "the 'source:' header");
        if (!SOURCE_KINDS.contains(scalar(kind))) {
            throw new SourceException(ErrorCode.INVALID_VALUE, kind.location(),
                    "source kind must be one of " + SOURCE_KINDS + ", got '" + scalar(kind) + "'");
        }
        add(g, source, Rekg.term("sourceKind"), Rekg.id("sourcekind/" + scalar(kind)));
        for (String key : List.of("creator", "publisher")) {
            if (h.containsKey(key)) {
                for (String v : strings(h.get(key))) {
                    add(g, source, dct(key), NodeFactory.createLiteralString(v));
                }
            }
        }
        if (h.containsKey("issued")) {
            add(g, source, dct("issued"), temporal(h.get("issued")));
        }
        if (h.containsKey("language")) {
            String lang = scalar(h.get("language"));
            if (!LANG.matcher(lang).matches()) {
                throw new SourceException(ErrorCode.INVALID_VALUE, h.get("language").location(),
                        "language must be a language tag such as 'fr' or 'en', got '" + lang + "'");
            }
            add(g, source, dct("language"), NodeFactory.createLiteralString(lang));
        }
        if (h.containsKey("url")) {
            add(g, source, NodeFactory.createURI(Rekg.FOAF + "page"), url(h.get("url")));
        }
        if (h.containsKey("license")) {
            add(g, source, dct("license"), url(h.get("license")));
        }
        if (h.containsKey("comment")) {
            langStrings(h.get("comment"), false).forEach(l -> add(g, source, RDFS.comment.asNode(), l));
        }
        origins.put(source, src.start());
    }

    private void record(YamlSource src, Map<String, Entry> rec, Node source, Map<String, Location> ids, Graph g) {
        Entry idEntry = rec.get("id");
        String id = scalar(idEntry);
        Entry at = rec.get("at");
        if (at == null || YamlSource.isNull(at.value()) || scalar(at).isBlank()) {
            throw new SourceException(ErrorCode.MISSING_LOCATOR, idEntry.location(),
                    "record '" + id + "' has no locator: add 'at:' with the section, paragraph or page it comes from");
        }
        Entry a = rec.get("a");
        Entry subjectEntry = rec.get("subject");
        Node subject;
        if (a != null && subjectEntry != null) {
            throw new SourceException(ErrorCode.INVALID_VALUE, subjectEntry.location(),
                    "record '" + id + "' has both 'a:' (a new entity) and 'subject:' (facts about an existing one); keep one");
        } else if (a != null) {
            subject = Rekg.id(id);
            for (String cls : strings(a)) {
                if (!terms.isClass(cls)) {
                    throw new SourceException(ErrorCode.UNKNOWN_TERM, a.location(), "unknown class '" + cls + "' (not in ontology/rekg.ttl)");
                }
                add(g, subject, RDF.type.asNode(), Rekg.term(cls));
            }
        } else if (subjectEntry != null) {
            subject = reference(subjectEntry, scalar(subjectEntry), ids);
        } else {
            throw new SourceException(ErrorCode.INVALID_VALUE, idEntry.location(),
                    "record '" + id + "' needs 'a:' (the class of a new entity) or 'subject:' (the entity it describes)");
        }
        origins.putIfAbsent(subject, idEntry.location());
        Node claim = Rekg.claim(id);
        origins.put(claim, idEntry.location());
        add(g, claim, RDF.type.asNode(), Rekg.term("Claim"));
        add(g, claim, Rekg.term("about"), subject);
        add(g, claim, NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom"), source);
        add(g, claim, Rekg.term("locator"), NodeFactory.createLiteralString(scalar(at)));

        Map<String, BigDecimal> shares = new HashMap<>();
        for (Entry e : rec.values()) {
            switch (e.key()) {
                case "id", "a", "at", "subject" -> { }
                case "label" -> langStrings(e, true).forEach(l -> add(g, subject, RDFS.label.asNode(), l));
                case "altLabel" -> langStrings(e, true).forEach(l -> add(g, subject, skos("altLabel"), l));
                case "comment" -> langStrings(e, false).forEach(l -> add(g, subject, RDFS.comment.asNode(), l));
                case "wkt" -> {
                    String wkt = scalar(e);
                    if (!WKT.matcher(wkt).matches()) {
                        throw new SourceException(ErrorCode.INVALID_VALUE, e.location(),
                                "wkt must be WKT such as 'POINT(-115.53 35.48)' (longitude first), got '" + wkt + "'");
                    }
                    Node geom = NodeFactory.createURI(subject.getURI() + "/geometry");
                    add(g, subject, NodeFactory.createURI(Rekg.GEO + "hasGeometry"), geom);
                    add(g, geom, RDF.type.asNode(), NodeFactory.createURI(Rekg.GEO + "Geometry"));
                    add(g, geom, NodeFactory.createURI(Rekg.GEO + "asWKT"), NodeFactory.createLiteralDT(wkt.strip(), TypeMapper.getInstance().getSafeTypeByName(WKT_LITERAL.getURI())));
                }
                default -> property(e, subject, ids, g, shares);
            }
        }
        BigDecimal min = shares.get("shareMin");
        BigDecimal max = shares.get("shareMax");
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new SourceException(ErrorCode.SHARE_OUT_OF_RANGE, rec.get("shareMin").location(),
                    "shareMin " + min.toPlainString() + " is greater than shareMax " + max.toPlainString());
        }
    }

    private void property(Entry e, Node subject, Map<String, Location> ids, Graph g, Map<String, BigDecimal> shares) {
        OntologyTerms.Property p = terms.property(e.key()).orElseThrow(() -> new SourceException(ErrorCode.UNKNOWN_TERM,
                e.location(), "unknown property '" + e.key() + "' (not in ontology/rekg.ttl)"));
        Node predicate = Rekg.term(p.localName());
        for (Entry v : items(e)) {
            if (p.kind() == OntologyTerms.Kind.OBJECT) {
                add(g, subject, predicate, reference(v, scalar(v), ids));
            } else {
                Node literal = literal(v, p);
                if (SHARE_PROPERTIES.contains(p.localName())) {
                    BigDecimal share = new BigDecimal(literal.getLiteralLexicalForm());
                    if (share.signum() < 0 || share.compareTo(BigDecimal.valueOf(100)) > 0) {
                        throw new SourceException(ErrorCode.SHARE_OUT_OF_RANGE, v.location(),
                                p.localName() + " must be between 0 and 100, got " + share.toPlainString());
                    }
                    shares.put(p.localName(), share);
                }
                add(g, subject, predicate, literal);
            }
        }
    }

    private Node reference(Entry where, String id, Map<String, Location> ids) {
        if (!ids.containsKey(id) && !externalIds.contains(id) && !terms.individualIds().contains(id)) {
            throw new SourceException(ErrorCode.UNKNOWN_ENTITY, where.location(), "unknown entity '" + id
                    + "': no record, reference entry or vocabulary term has this id");
        }
        return Rekg.id(id);
    }

    private Node literal(Entry v, OntologyTerms.Property p) {
        String range = p.range().orElse(XSDDatatype.XSDstring.getURI());
        if (range.equals(TEMPORAL)) {
            return temporal(v);
        }
        String lex = scalar(v);
        RDFDatatype dt = TypeMapper.getInstance().getTypeByName(range);
        if (dt == null || range.equals(RDFS.Literal.getURI())) {
            return NodeFactory.createLiteralString(lex);
        }
        if (!dt.isValid(lex)) {
            ErrorCode code = dt.equals(XSDDatatype.XSDgYear) || dt.equals(XSDDatatype.XSDdate) ? ErrorCode.INVALID_DATE : ErrorCode.INVALID_VALUE;
            throw new SourceException(code, v.location(), p.localName() + " must be " + describe(dt) + ", got '" + lex + "'");
        }
        return NodeFactory.createLiteralDT(lex, dt);
    }

    private static String describe(RDFDatatype dt) {
        String local = dt.getURI().substring(dt.getURI().indexOf('#') + 1);
        return switch (local) {
            case "decimal" -> "a number";
            case "integer", "nonNegativeInteger" -> "a whole number";
            case "gYear" -> "a year such as 2030";
            case "date" -> "a date such as 2025-10-30";
            case "duration" -> "an ISO 8601 duration such as P1Y";
            case "anyURI" -> "a URL";
            default -> "a valid xsd:" + local;
        };
    }

    /** A year, year-month or full date, typed xsd:gYear, xsd:gYearMonth or xsd:date. */
    static Node temporal(Entry v) {
        String lex = scalar(v);
        RDFDatatype dt = switch (lex.length()) {
            case 4 -> XSDDatatype.XSDgYear;
            case 7 -> XSDDatatype.XSDgYearMonth;
            case 10 -> XSDDatatype.XSDdate;
            default -> null;
        };
        if (dt == null || !lex.matches("\\d{4}(-\\d{2}(-\\d{2})?)?") || !dt.isValid(lex)) {
            throw new SourceException(ErrorCode.INVALID_DATE, v.location(),
                    "invalid date '" + lex + "': write a year (2025), a month (2025-10) or a day (2025-10-30)");
        }
        return NodeFactory.createLiteralDT(lex, dt);
    }

    private static boolean isIri(String lex) {
        try {
            return IRIx.create(lex).isAbsolute();
        } catch (IRIException e) {
            return false;
        }
    }

    private static Node url(Entry e) {
        String lex = scalar(e);
        if (!XSDDatatype.XSDanyURI.isValid(lex) || !lex.matches("https?://\\S+") || !isIri(lex)) {
            throw new SourceException(ErrorCode.INVALID_VALUE, e.location(), "url must be an http(s) URL, got '" + lex + "'");
        }
        return NodeFactory.createURI(lex);
    }

    private static List<Node> langStrings(Entry e, boolean requireLang) {
        List<Node> out = new ArrayList<>();
        if (e.value() instanceof MappingNode) {
            for (Entry lang : YamlSource.mapping(e.location().file(), e.value(), "'" + e.key() + "'").values()) {
                if (!LANG.matcher(lang.key()).matches()) {
                    throw new SourceException(ErrorCode.INVALID_VALUE, lang.location(),
                            "'" + lang.key() + "' is not a language tag (use en, fr, ...)");
                }
                for (String s : strings(lang)) {
                    out.add(NodeFactory.createLiteralLang(s, lang.key()));
                }
            }
        } else if (requireLang) {
            throw new SourceException(ErrorCode.INVALID_VALUE, e.location(),
                    "'" + e.key() + "' must give its language, e.g. {en: ..., fr: ...}");
        } else {
            out.add(NodeFactory.createLiteralLang(scalar(e), "en"));
        }
        return out;
    }

    private static List<Entry> items(Entry e) {
        if (e.value() instanceof SequenceNode seq) {
            return seq.getValue().stream().map(n -> new Entry(e.key(), n, Location.of(e.location().file(), n))).toList();
        }
        return List.of(new Entry(e.key(), e.value(), Location.of(e.location().file(), e.value())));
    }

    private static List<String> strings(Entry e) {
        return items(e).stream().map(SourceCompiler::scalar).toList();
    }

    static String scalar(Entry e) {
        if (!(e.value() instanceof ScalarNode s)) {
            throw new SourceException(ErrorCode.INVALID_VALUE, e.location(), "'" + e.key() + "' must be a single value");
        }
        return s.getValue().strip();
    }

    private static Entry require(Map<String, Entry> map, String key, Location where, String what) {
        Entry e = map.get(key);
        if (e == null || YamlSource.isNull(e.value())) {
            ErrorCode code = key.equals("at") ? ErrorCode.MISSING_LOCATOR : ErrorCode.INVALID_VALUE;
            throw new SourceException(code, where, what + " has no '" + key + "'");
        }
        return e;
    }

    private static Node dct(String local) {
        return NodeFactory.createURI(Rekg.DCT + local);
    }

    private static Node skos(String local) {
        return NodeFactory.createURI(Rekg.SKOS + local);
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(s, p, o);
    }
}
