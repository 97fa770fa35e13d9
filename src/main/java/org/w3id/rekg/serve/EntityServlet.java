package org.w3id.rekg.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * Entity pages: {@code GET /id/<local>} describes the resource {@code https://w3id.org/rekg/id/<local>}.
 * <p>
 * Content negotiation on {@code Accept}: {@code text/html} (the default, also for {@code *}{@code /*})
 * gives a page listing the entity's labels, types and facts grouped by source (named graph), with
 * the locators of the claims about the entity in that source, and the resources that refer to it;
 * {@code text/turtle}, {@code application/ld+json}, {@code application/rdf+xml} and
 * {@code application/n-triples} give the entity's description written by Jena: its triples in the
 * named graphs (with one level of blank nodes) and the triples of the claims about it.
 * An entity that appears in no named graph gives 404.
 * <p>
 * All queries are fixed texts; the entity IRI is passed to them as a {@link Node}, never by string
 * concatenation.
 */
final class EntityServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String ID_NS = "https://w3id.org/rekg/id/";
    static final String REKG_NS = "https://w3id.org/rekg/ontology#";
    static final String GRAPH_NS = "https://w3id.org/rekg/graph/";
    private static final String PROV_NS = "http://www.w3.org/ns/prov#";

    /** Local part of an entity IRI accepted in a path: segments of unreserved characters. */
    /** Longest local part of an entity IRI that is looked up; longer paths are 404 without matching. */
    static final int MAX_LOCAL_LENGTH = 512;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]*+(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*+)*+");

    private static final Node ABOUT = NodeFactory.createURI(REKG_NS + "about");
    private static final Node LOCATOR = NodeFactory.createURI(REKG_NS + "locator");
    private static final Node DERIVED_FROM = NodeFactory.createURI(PROV_NS + "wasDerivedFrom");

    private static final String PREFIXES = String.join("\n",
        "PREFIX rekg: <" + REKG_NS + ">",
        "PREFIX prov: <" + PROV_NS + ">", "");

    private static final Query DESCRIBE = QueryFactory.create(PREFIXES + """
        CONSTRUCT { ?e ?p ?o . ?b ?bp ?bo . ?c ?cp ?co }
        WHERE {
          { GRAPH ?g { ?e ?p ?o } }
          UNION
          { GRAPH ?g { ?e ?p0 ?b . FILTER(isBlank(?b)) ?b ?bp ?bo } }
          UNION
          { GRAPH ?g { ?c rekg:about ?e . ?c ?cp ?co } }
        }""");

    private static final Query FACTS = QueryFactory.create(PREFIXES + """
        SELECT ?g ?p ?o WHERE { GRAPH ?g { ?e ?p ?o } } ORDER BY ?g ?p ?o""");

    private static final Query CLAIMS = QueryFactory.create(PREFIXES + """
        SELECT ?g ?c ?loc ?src WHERE {
          GRAPH ?g { ?c rekg:about ?e
                     OPTIONAL { ?c rekg:locator ?loc }
                     OPTIONAL { ?c prov:wasDerivedFrom ?src } }
        } ORDER BY ?g ?c ?loc""");

    private static final Query INCOMING = QueryFactory.create(PREFIXES + """
        SELECT DISTINCT ?s ?p ?g WHERE { GRAPH ?g { ?s ?p ?e } FILTER(?p != rekg:about) }
        ORDER BY ?s ?p ?g LIMIT 1000""");

    private static final AcceptList OFFERS = AcceptList.create(
        "text/html", "application/xhtml+xml", "text/turtle", "application/ld+json",
        "application/rdf+xml", "application/n-triples");

    private final transient DatasetGraph dsg;
    private final long timeoutMillis;

    EntityServlet(DatasetGraph dsg, Duration timeout) {
        this.dsg = dsg;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Vary", "Accept");
        MediaType mediaType = negotiate(req.getHeader("Accept"));
        boolean html = mediaType == null || isHtml(mediaType);
        String path = req.getPathInfo();
        String local = path == null || path.length() < 2 ? "" : path.substring(1);
        if ( local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches() ) {
            notFound(req, resp, local, html);
            return;
        }
        if ( mediaType == null ) {
            resp.setContentType("text/plain;charset=utf-8");
            resp.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
            resp.getOutputStream().write(("Not acceptable. Available: " + OFFERS + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        Node entity = NodeFactory.createURI(ID_NS + local);
        byte[] body;
        String contentType;
        try {
            if ( html ) {
                Optional<String> page = Txn.calculateRead(dsg, () -> exists(entity) ? Optional.of(htmlPage(req, entity)) : Optional.empty());
                if ( page.isEmpty() ) {
                    notFound(req, resp, local, true);
                    return;
                }
                body = page.get().getBytes(StandardCharsets.UTF_8);
                contentType = "text/html;charset=utf-8";
            } else {
                Lang lang = RDFLanguages.contentTypeToLang(mediaType.getContentTypeStr());
                Optional<byte[]> rdf = Txn.calculateRead(dsg, () -> exists(entity) ? Optional.of(rdf(entity, lang)) : Optional.empty());
                if ( rdf.isEmpty() ) {
                    notFound(req, resp, local, false);
                    return;
                }
                body = rdf.get();
                contentType = lang.getContentType().getContentTypeStr() + ";charset=utf-8";
            }
        } catch (RuntimeException ex) {
            log("Entity page failed for " + entity.getURI(), ex);
            resp.setContentType("text/plain;charset=utf-8");
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            resp.getOutputStream().write("The entity description could not be built in time.\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(contentType);
        resp.setContentLength(body.length);
        if ( !"HEAD".equals(req.getMethod()) ) {
            OutputStream out = resp.getOutputStream();
            out.write(body);
            out.flush();
        }
    }

    private static MediaType negotiate(String accept) {
        if ( accept == null || accept.isBlank() )
            return MediaType.create("text/html");
        try {
            return AcceptList.match(new AcceptList(accept), OFFERS);
        } catch (RuntimeException ex) {
            return MediaType.create("text/html");
        }
    }

    private static boolean isHtml(MediaType mt) {
        String ct = mt.getContentTypeStr().toLowerCase(Locale.ROOT);
        return ct.equals("text/html") || ct.equals("application/xhtml+xml");
    }

    /** Known entity: it appears as subject or object of a triple in some named graph. */
    private boolean exists(Node entity) {
        return has(dsg.findNG(Node.ANY, entity, Node.ANY, Node.ANY))
            || has(dsg.findNG(Node.ANY, Node.ANY, Node.ANY, entity));
    }

    private static boolean has(Iterator<Quad> iter) {
        try {
            return iter.hasNext();
        } finally {
            org.apache.jena.atlas.iterator.Iter.close(iter);
        }
    }

    private QueryExec exec(Query query, Node entity) {
        return QueryExec.dataset(dsg).query(query).substitution("e", entity)
                        .timeout(timeoutMillis, TimeUnit.MILLISECONDS).build();
    }

    // ---- RDF

    private byte[] rdf(Node entity, Lang lang) {
        Graph description;
        try ( QueryExec qExec = exec(DESCRIBE, entity) ) {
            description = qExec.construct();
        }
        description.getPrefixMapping()
                   .setNsPrefix("rekg", REKG_NS)
                   .setNsPrefix("id", ID_NS)
                   .setNsPrefix("prov", PROV_NS)
                   .setNsPrefix("rdf", RDF.getURI())
                   .setNsPrefix("rdfs", RDFS.getURI())
                   .setNsPrefix("skos", SKOS.getURI())
                   .setNsPrefix("dct", DCTerms.getURI());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RDFWriter.source(description).lang(lang).output(out);
        return out.toByteArray();
    }

    // ---- HTML

    private record Fact(Node property, Node value) {}
    private record ClaimRef(Node claim, Node locator) {}

    private String htmlPage(HttpServletRequest req, Node entity) {
        String ctx = req.getContextPath() == null ? "" : req.getContextPath();
        // Facts grouped by named graph (source).
        Map<Node, List<Fact>> facts = new TreeMap<>(EntityServlet::compareGraphs);
        try ( QueryExec qExec = exec(FACTS, entity) ) {
            RowSet rows = qExec.select();
            rows.forEachRemaining(b -> facts.computeIfAbsent(b.get("g"), k -> new ArrayList<>())
                                            .add(new Fact(b.get("p"), b.get("o"))));
        }
        // Claims about the entity, by graph; the source document each graph is derived from.
        Map<Node, List<ClaimRef>> claims = new TreeMap<>(EntityServlet::compareNodes);
        Map<Node, Node> sourceOfGraph = new LinkedHashMap<>();
        try ( QueryExec qExec = exec(CLAIMS, entity) ) {
            RowSet rows = qExec.select();
            rows.forEachRemaining(b -> {
                Node g = b.get("g");
                claims.computeIfAbsent(g, k -> new ArrayList<>()).add(new ClaimRef(b.get("c"), b.get("loc")));
                if ( b.get("src") != null )
                    sourceOfGraph.putIfAbsent(g, b.get("src"));
            });
        }
        List<Binding> incoming = new ArrayList<>();
        try ( QueryExec qExec = exec(INCOMING, entity) ) {
            qExec.select().forEachRemaining(incoming::add);
        }

        String title = bestLabel(entity).orElse(entity.getURI().substring(ID_NS.length()));
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .append("<title>").append(esc(title)).append(" \u2014 REKG</title>\n")
         .append("<style>")
         .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}")
         .append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}")
         .append("th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}")
         .append("code,.iri{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}")
         .append(".lang,.dt{color:#666;font-size:.85em}section{margin-bottom:1.5rem}")
         .append("</style>\n</head>\n<body>\n");
        h.append("<nav><a href=\"").append(esc(ctx + "/")).append("\">REKG SPARQL</a></nav>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"iri\">").append(esc(entity.getURI())).append("</p>\n");

        // Labels (en, fr) and types, over all sources.
        h.append("<dl>\n");
        List<Node> labels = labelsOf(entity);
        if ( !labels.isEmpty() ) {
            h.append("<dt>Labels</dt>\n");
            for ( Node l : labels )
                h.append("<dd>").append(literal(l)).append("</dd>\n");
        }
        List<Node> types = objectsOf(entity, RDF.type.asNode());
        if ( !types.isEmpty() ) {
            h.append("<dt>Types</dt>\n");
            for ( Node t : types )
                h.append("<dd>").append(link(ctx, t)).append("</dd>\n");
        }
        h.append("</dl>\n");
        h.append("<p>This description is also available as Turtle, JSON-LD, RDF/XML and N-Triples ")
         .append("(ask with an <code>Accept</code> header).</p>\n");

        // Facts and claims by source.
        h.append("<h2>Facts by source</h2>\n");
        java.util.Set<Node> graphs = new java.util.TreeSet<>(EntityServlet::compareNodes);
        graphs.addAll(facts.keySet());
        graphs.addAll(claims.keySet());
        if ( graphs.isEmpty() )
            h.append("<p>No facts about this entity.</p>\n");
        for ( Node g : graphs ) {
            h.append("<section>\n<h3>Source: ");
            Node source = sourceOfGraph.getOrDefault(g, sourceDocumentFor(g));
            if ( source != null && exists(source) )
                h.append(link(ctx, source));
            else
                h.append(link(ctx, g));
            h.append("</h3>\n<p class=\"iri\">Graph ").append(esc(g.isURI() ? g.getURI() : g.toString())).append("</p>\n");
            List<ClaimRef> cl = claims.getOrDefault(g, List.of());
            if ( !cl.isEmpty() ) {
                h.append("<p>Claims about this entity in this source, with their locators:</p>\n<ul>\n");
                for ( ClaimRef c : cl ) {
                    h.append("<li>");
                    h.append(c.locator() == null ? "<em>no locator</em>" : "<span class=\"locator\">" + esc(c.locator().getLiteralLexicalForm()) + "</span>");
                    h.append(" \u2014 ").append(link(ctx, c.claim())).append("</li>\n");
                }
                h.append("</ul>\n");
            }
            List<Fact> fs = facts.getOrDefault(g, List.of());
            if ( !fs.isEmpty() ) {
                h.append("<table>\n<tr><th>Property</th><th>Value</th></tr>\n");
                for ( Fact f : fs ) {
                    h.append("<tr><td>").append(link(ctx, f.property())).append("</td><td>")
                     .append(value(ctx, f.value())).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
            h.append("</section>\n");
        }

        // Incoming links.
        h.append("<h2>Referenced by</h2>\n");
        if ( incoming.isEmpty() ) {
            h.append("<p>No other resource refers to this entity.</p>\n");
        } else {
            h.append("<table>\n<tr><th>Resource</th><th>Property</th><th>Source graph</th></tr>\n");
            for ( Binding b : incoming ) {
                h.append("<tr><td>").append(value(ctx, b.get("s"))).append("</td><td>")
                 .append(link(ctx, b.get("p"))).append("</td><td class=\"iri\">")
                 .append(esc(b.get("g").isURI() ? b.get("g").getURI() : b.get("g").toString())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if ( incoming.size() >= 1000 )
                h.append("<p>(First 1000 references shown.)</p>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** {@code graph/<source-id>} is the graph of the source {@code id:source/<source-id>}. */
    private static Node sourceDocumentFor(Node graph) {
        if ( graph.isURI() && graph.getURI().startsWith(GRAPH_NS) )
            return NodeFactory.createURI(ID_NS + "source/" + graph.getURI().substring(GRAPH_NS.length()));
        return null;
    }

    private List<Node> objectsOf(Node s, Node p) {
        List<Node> result = new ArrayList<>();
        Iterator<Quad> iter = dsg.findNG(Node.ANY, s, p, Node.ANY);
        try {
            iter.forEachRemaining(q -> { if ( !result.contains(q.getObject()) ) result.add(q.getObject()); });
        } finally {
            org.apache.jena.atlas.iterator.Iter.close(iter);
        }
        return result;
    }

    /** Labels in English and French (rdfs:label, skos:prefLabel), English first. */
    private List<Node> labelsOf(Node s) {
        List<Node> result = new ArrayList<>();
        for ( Node p : List.of(RDFS.label.asNode(), SKOS.prefLabel.asNode()) ) {
            for ( Node o : objectsOf(s, p) ) {
                if ( o.isLiteral() && !result.contains(o) )
                    result.add(o);
            }
        }
        result.sort((a, b) -> Integer.compare(langRank(a), langRank(b)));
        return result;
    }

    private static int langRank(Node literal) {
        String lang = literal.getLiteralLanguage().toLowerCase(Locale.ROOT);
        if ( lang.equals("en") || lang.startsWith("en-") ) return 0;
        if ( lang.equals("fr") || lang.startsWith("fr-") ) return 1;
        if ( lang.isEmpty() ) return 2;
        return 3;
    }

    /** The label to show for a resource: its first label, else its title (sources), if any. */
    private Optional<String> bestLabel(Node s) {
        Optional<String> label = labelsOf(s).stream().findFirst().map(Node::getLiteralLexicalForm);
        if ( label.isPresent() )
            return label;
        return objectsOf(s, DCTerms.title.asNode()).stream().filter(Node::isLiteral).findFirst().map(Node::getLiteralLexicalForm);
    }

    private String link(String ctx, Node n) {
        if ( !n.isURI() )
            return esc(n.isBlank() ? "_:" + n.getBlankNodeLabel() : n.toString());
        String uri = n.getURI();
        String text = bestLabel(n).orElse(shortName(uri));
        if ( uri.startsWith(ID_NS) && LOCAL.matcher(uri.substring(ID_NS.length())).matches() )
            return "<a href=\"" + esc(ctx + "/id/" + uri.substring(ID_NS.length())) + "\" title=\"" + esc(uri) + "\">" + esc(text) + "</a>";
        String lower = uri.toLowerCase(Locale.ROOT);
        if ( lower.startsWith("http://") || lower.startsWith("https://") )
            return "<a href=\"" + esc(uri) + "\" title=\"" + esc(uri) + "\" rel=\"noopener\">" + esc(text) + "</a>";
        return "<span title=\"" + esc(uri) + "\">" + esc(text) + "</span>";
    }

    private String value(String ctx, Node n) {
        if ( n.isLiteral() )
            return literal(n);
        if ( n.isBlank() ) {
            // Show a blank node's own properties inline (e.g. a geometry).
            StringBuilder sb = new StringBuilder("<ul>");
            Iterator<Quad> iter = dsg.findNG(Node.ANY, n, Node.ANY, Node.ANY);
            try {
                int count = 0;
                while ( iter.hasNext() && count++ < 50 ) {
                    Quad q = iter.next();
                    sb.append("<li>").append(link(ctx, q.getPredicate())).append(": ")
                      .append(q.getObject().isLiteral() ? literal(q.getObject()) : link(ctx, q.getObject()))
                      .append("</li>");
                }
            } finally {
                org.apache.jena.atlas.iterator.Iter.close(iter);
            }
            return sb.append("</ul>").toString();
        }
        return link(ctx, n);
    }

    private static String literal(Node n) {
        StringBuilder sb = new StringBuilder(esc(n.getLiteralLexicalForm()));
        String lang = n.getLiteralLanguage();
        if ( lang != null && !lang.isEmpty() )
            sb.append(" <span class=\"lang\">@").append(esc(lang)).append("</span>");
        else if ( n.getLiteralDatatypeURI() != null
                  && !n.getLiteralDatatypeURI().equals("http://www.w3.org/2001/XMLSchema#string") )
            sb.append(" <span class=\"dt\">").append(esc(shortName(n.getLiteralDatatypeURI()))).append("</span>");
        return sb.toString();
    }

    private static String shortName(String uri) {
        if ( uri.startsWith(ID_NS) ) return uri.substring(ID_NS.length());
        if ( uri.startsWith(REKG_NS) ) return "rekg:" + uri.substring(REKG_NS.length());
        if ( uri.startsWith(RDF.getURI()) ) return "rdf:" + uri.substring(RDF.getURI().length());
        if ( uri.startsWith(RDFS.getURI()) ) return "rdfs:" + uri.substring(RDFS.getURI().length());
        if ( uri.startsWith(SKOS.getURI()) ) return "skos:" + uri.substring(SKOS.getURI().length());
        if ( uri.startsWith(DCTerms.getURI()) ) return "dct:" + uri.substring(DCTerms.getURI().length());
        if ( uri.startsWith(PROV_NS) ) return "prov:" + uri.substring(PROV_NS.length());
        if ( uri.startsWith("http://www.w3.org/2001/XMLSchema#") ) return "xsd:" + uri.substring(33);
        return uri;
    }

    private static int compareNodes(Node a, Node b) {
        return a.toString().compareTo(b.toString());
    }

    /** Graphs in name order, but what is derived (inferences, link sets, imports) after what sources state. */
    private static int compareGraphs(Node a, Node b) {
        int ra = derivedRank(a);
        int rb = derivedRank(b);
        return ra != rb ? Integer.compare(ra, rb) : compareNodes(a, b);
    }

    private static int derivedRank(Node graph) {
        String iri = graph.toString();
        return iri.contains("/graph/inferred") || iri.contains("/graph/linkset/") ? 1 : 0;
    }

    // ---- 404

    private static void notFound(HttpServletRequest req, HttpServletResponse resp, String local, boolean html) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        String iri = ID_NS + local;
        byte[] body;
        if ( html ) {
            String ctx = req.getContextPath() == null ? "" : req.getContextPath();
            body = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found \u2014 REKG</title>\n</head>\n<body>\n"
                    + "<h1>Not found</h1>\n<p>There is no entity <code>" + esc(iri) + "</code> in this knowledge graph.</p>\n"
                    + "<p><a href=\"" + esc(ctx + "/") + "\">REKG SPARQL</a></p>\n</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/html;charset=utf-8");
        } else {
            body = ("Not found: " + iri + "\n").getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/plain;charset=utf-8");
        }
        resp.setContentLength(body.length);
        if ( !"HEAD".equals(req.getMethod()) )
            resp.getOutputStream().write(body);
    }

    /** Escape text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        if ( s == null )
            return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for ( int i = 0; i < s.length(); i++ ) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
