package org.w3id.rekg.importer.minmod;

import org.w3id.rekg.link.CountryNames;
import org.w3id.rekg.link.HandLinks;
import org.w3id.rekg.link.Identifiers;
import org.w3id.rekg.link.Link;
import org.w3id.rekg.link.LinkSet;
import org.w3id.rekg.link.MinmodCommodities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Imports MinMod (the DARPA CriticalMAAS mineral-site knowledge graph) files, each into its own
 * named graph {@code graph/import/minmod/<file name>}; the kind of file is recognised from its
 * content:
 * <ul>
 * <li>{@code commodity.csv}: MinMod's commodities as {@code skos:Concept}s (label, parent as
 *     {@code skos:broader}, symbol as {@code skos:notation}, {@code rekg:minmodId});</li>
 * <li>{@code deposit_type.csv}: deposit types ({@code rekg:DepositType}, with environment and group);</li>
 * <li>mineral-site JSON (one site object or an array of them): each site is a {@code rekg:Site}
 *     with its location ({@code geo:hasGeometry}/{@code geo:asWKT}, and WGS 84 latitude and
 *     longitude of its centre for plain bounding-box queries), the state it is in, its
 *     commodities ({@code rekg:material}, matched to REKG's elements by symbol through
 *     {@code minmod-commodity.csv}, or through a link made by hand such as rare earths ↔ Q618),
 *     its mineral inventories (ore tonnage, grade, contained metal, category, each with its unit
 *     when the file gives one) and its candidate deposit types. A site whose name is the label of
 *     a REKG site is linked to it ({@code skos:closeMatch}, label match).</li>
 * </ul>
 */
public final class MinmodImporter {
    public static final String KIND = "minmod";
    static final String WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#";
    static final Node WKT_LITERAL = NodeFactory.createURI(Rekg.GEO + "wktLiteral");

    private final Dataset dataset;
    private final MinmodCommodities commodities;
    private final Map<String, Node> handLinkedMinmod = new HashMap<>();

    /**
     * @param referenceDir {@code sources/reference}, with {@code minmod-commodity.csv} and
     *                     {@code links-by-hand.csv}
     */
    public MinmodImporter(Dataset dataset, Path referenceDir) {
        this.dataset = dataset;
        this.commodities = MinmodCommodities.read(referenceDir.resolve("minmod-commodity.csv"));
        for (Link l : HandLinks.read(referenceDir.resolve("links-by-hand.csv"), null)) {
            if (l.object().getURI().startsWith(Identifiers.MINMOD)) {
                handLinkedMinmod.put(l.object().getURI().substring(Identifiers.MINMOD.length()), l.subject());
            }
        }
    }

    /** The dataset this importer looks up commodities, countries and sites in. */
    public Dataset dataset() {
        return dataset;
    }

    /** The graph {@code file} gives; reads the store (states, elements, sites) but writes nothing. */
    public Graph read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RekgException(ErrorCode.USAGE, "no such file: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return sites(file);
        }
        if (name.endsWith(".csv")) {
            List<String> header = header(file);
            if (header.contains("deposit_type")) {
                return depositTypes(file);
            }
            if (header.containsAll(MinmodCommodities.COLUMNS)) {
                return commodities(file);
            }
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a MinMod commodity or deposit-type list: expected the columns "
                    + String.join(",", MinmodCommodities.COLUMNS) + " or minmod_id,deposit_type,deposit_environment,deposit_group; found "
                    + String.join(",", header));
        }
        throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a MinMod file: expected commodity.csv, deposit_type.csv or mineral-site .json");
    }

    private static List<String> header(Path file) {
        try (var lines = Files.lines(file)) {
            String first = lines.findFirst().orElse("");
            try (var p = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(first))) {
                var recs = p.getRecords();
                return recs.isEmpty() ? List.of() : recs.get(0).toList().stream().map(String::strip).toList();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a readable UTF-8 CSV file: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ commodities and deposit types

    private Graph commodities(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        MinmodCommodities list = MinmodCommodities.read(file);
        for (MinmodCommodities.Commodity c : list.all()) {
            Node s = NodeFactory.createURI(Identifiers.minmodIri(c.id()));
            g.add(s, RDF.type.asNode(), SKOS.Concept.asNode());
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(c.name(), "en"));
            g.add(s, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(c.name(), "en"));
            g.add(s, Rekg.term("minmodId"), NodeFactory.createLiteralString(c.id()));
            if (c.symbol() != null) {
                g.add(s, SKOS.notation.asNode(), NodeFactory.createLiteralString(c.symbol()));
            }
            if (!c.parent().isEmpty() && Identifiers.isMinmodId(c.parent())) {
                g.add(s, SKOS.broader.asNode(), NodeFactory.createURI(Identifiers.minmodIri(c.parent())));
            }
            if (c.critical()) {
                g.add(s, RDF.type.asNode(), Rekg.term("CriticalMaterial"));
            }
        }
        return g;
    }

    private Graph depositTypes(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        for (CSVRecord r : MinmodCommodities.MinmodCsv.records(file, List.of("minmod_id", "deposit_type", "deposit_environment", "deposit_group"))) {
            String id = r.get("minmod_id").strip();
            if (!Identifiers.isMinmodId(id)) {
                throw new RekgException(ErrorCode.INVALID_IDENTIFIER, file.getFileName() + " row " + (r.getRecordNumber() + 1)
                        + ": '" + id + "' is not a MinMod id (Q followed by digits)");
            }
            Node s = NodeFactory.createURI(Identifiers.minmodIri(id));
            g.add(s, RDF.type.asNode(), Rekg.term("DepositType"));
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(r.get("deposit_type").strip(), "en"));
            g.add(s, Rekg.term("minmodId"), NodeFactory.createLiteralString(id));
            literal(g, s, "depositEnvironment", r.get("deposit_environment"));
            literal(g, s, "depositGroup", r.get("deposit_group"));
        }
        return g;
    }

    // ------------------------------------------------------------------ mineral sites

    private Graph sites(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not valid JSON [line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "]: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> sites = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(sites::add);
        } else if (root != null && root.isObject()) {
            sites.add(root);
        }
        if (sites.isEmpty() || !sites.stream().allMatch(s -> s.isObject() && s.has("record_id"))) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not MinMod mineral-site JSON: expected a site object, or an array of them, each with a record_id");
        }
        CountryNames countries = CountryNames.from(dataset);
        Map<String, Node> rekgSites = siteLabels();
        Graph g = GraphFactory.createDefaultGraph();
        int i = 0;
        for (JsonNode site : sites) {
            site(g, site, file.getFileName() + (sites.size() > 1 ? " [" + i + "]" : ""), countries, rekgSites);
            i++;
        }
        return g;
    }

    private void site(Graph g, JsonNode site, String where, CountryNames countries, Map<String, Node> rekgSites) {
        String recordId = text(site, "record_id");
        if (recordId == null || !recordId.matches("[A-Za-z0-9_-]+")) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": record_id must be letters, digits, '-' or '_', got '" + recordId + "'");
        }
        String name = text(site, "name");
        if (name == null || name.isBlank()) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": the site has no name");
        }
        String base = "minmod/site/" + recordId;
        Node s = Rekg.id(base);
        g.add(s, RDF.type.asNode(), Rekg.term("Site"));
        g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(name, "en"));
        g.add(s, Rekg.term("minmodId"), NodeFactory.createLiteralString(recordId));
        Node source = sourceDocument(g, site, recordId);

        JsonNode loc = site.path("location_info");
        String wkt = text(loc, "location");
        if (wkt != null && !wkt.isBlank()) {
            geometry(g, s, base, wkt, where);
        }
        for (JsonNode c : loc.path("country")) {
            Node state = countries.find(text(c, "observed_name"));
            if (state != null) {
                g.add(s, Rekg.term("locatedIn"), state);
            }
        }
        int n = 0;
        for (JsonNode inv : site.path("mineral_inventory")) {
            inventory(g, s, base + "/inventory/" + n++, inv, source, where);
        }
        for (JsonNode dt : site.path("deposit_type_candidate")) {
            String uri = text(dt, "normalized_uri");
            if (uri != null && uri.startsWith(Identifiers.MINMOD) && Identifiers.isMinmodId(uri.substring(Identifiers.MINMOD.length()))) {
                g.add(s, Rekg.term("depositTypeCandidate"), NodeFactory.createURI(uri));
            }
        }
        Node claim = Rekg.claim(base);
        g.add(claim, RDF.type.asNode(), Rekg.term("Claim"));
        g.add(claim, Rekg.term("about"), s);
        g.add(claim, NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom"), source);
        g.add(claim, Rekg.term("locator"), NodeFactory.createLiteralString("MinMod record " + recordId));

        Node same = rekgSites.get(CountryNames.normalise(name));
        if (same != null) {
            LinkSet ls = new LinkSet("minmod-sites", "REKG sites matched to MinMod mineral sites", "minmod",
                    Identifiers.MINMOD, "MinMod", null);
            Link link = Link.of(same, Link.CLOSE_MATCH, s.getURI(), Link.Method.LABEL_MATCH, 0.8, "site name '" + name + "' = REKG label");
            ls.add(link);
            ls.toGraph(java.time.Instant.EPOCH).find().forEachRemaining(t -> {
                if (!t.getPredicate().equals(DCTerms.created.asNode()) && !t.getPredicate().equals(DCTerms.modified.asNode())) {
                    g.add(t);
                }
            });
        }
    }

    private void geometry(Graph g, Node site, String base, String wkt, String where) {
        Geometry geom;
        try {
            geom = new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": location is not WKT: '" + wkt + "' (" + e.getMessage() + ")", e);
        }
        Point centre = geom.getCentroid();
        if (geom.isEmpty() || Math.abs(centre.getX()) > 180 || Math.abs(centre.getY()) > 90) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": location is not a longitude-latitude WKT geometry: '" + wkt + "'");
        }
        Node geo = Rekg.id(base + "/geometry");
        g.add(site, NodeFactory.createURI(Rekg.GEO + "hasGeometry"), geo);
        g.add(geo, RDF.type.asNode(), NodeFactory.createURI(Rekg.GEO + "Geometry"));
        g.add(geo, NodeFactory.createURI(Rekg.GEO + "asWKT"), NodeFactory.createLiteralDT(wkt.strip(), org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(WKT_LITERAL.getURI())));
        g.add(geo, NodeFactory.createURI(WGS84 + "lat"), decimal(BigDecimal.valueOf(centre.getY())));
        g.add(geo, NodeFactory.createURI(WGS84 + "long"), decimal(BigDecimal.valueOf(centre.getX())));
    }

    private void inventory(Graph g, Node site, String id, JsonNode inv, Node source, String where) {
        Node s = Rekg.id(id);
        g.add(site, Rekg.term("inventory"), s);
        g.add(s, RDF.type.asNode(), Rekg.term("MineralInventory"));
        JsonNode commodity = inv.path("commodity");
        String observed = text(commodity, "observed_name");
        Node material = material(text(commodity, "normalized_uri"));
        if (material != null) {
            g.add(s, Rekg.term("material"), material);
            g.add(site, Rekg.term("material"), material);
        }
        String uri = text(commodity, "normalized_uri");
        if (uri != null && uri.startsWith(Identifiers.MINMOD)) {
            g.add(s, Rekg.term("commodity"), NodeFactory.createURI(uri));
        }
        g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(
                (observed != null ? observed : "commodity") + " inventory " + id.substring(id.lastIndexOf('/') + 1), "en"));
        for (JsonNode cat : inv.path("category")) {
            literal(g, s, "resourceCategory", text(cat, "observed_name"));
        }
        literal(g, s, "materialForm", text(inv.path("material_form"), "observed_name"));
        quantity(g, s, inv.path("ore"), "ore", "oreUnit", where);
        quantity(g, s, inv.path("grade"), "grade", "gradeUnit", where);
        JsonNode cm = inv.path("contained_metal");
        if (cm.isNumber()) {
            g.add(s, Rekg.term("containedMetal"), decimal(cm.decimalValue()));
        }
        String date = text(inv, "date");
        if (date != null && date.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
            XSDDatatype type = date.length() == 4 ? XSDDatatype.XSDgYear : date.length() == 7 ? XSDDatatype.XSDgYearMonth : XSDDatatype.XSDdate;
            g.add(s, Rekg.term("date"), NodeFactory.createLiteralDT(date, type));
        }
        Node claim = Rekg.claim(id);
        g.add(claim, RDF.type.asNode(), Rekg.term("Claim"));
        g.add(claim, Rekg.term("about"), s);
        g.add(claim, NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom"), source);
        StringBuilder locator = new StringBuilder();
        for (JsonNode page : inv.path("reference").path("page_info")) {
            if (page.has("page")) {
                locator.append(locator.length() == 0 ? "p. " : ", ").append(page.get("page").asText());
            }
        }
        g.add(claim, Rekg.term("locator"), NodeFactory.createLiteralString(locator.length() > 0 ? locator.toString() : "MinMod inventory " + id));
    }

    /** value (number) and unit (its observed name) of an ore or grade object; nothing if no value. */
    private static void quantity(Graph g, Node s, JsonNode q, String valueProp, String unitProp, String where) {
        JsonNode v = q.path("value");
        if (v.isMissingNode() || v.isNull()) {
            return;
        }
        if (!v.isNumber()) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": " + valueProp + ".value must be a number, got " + v);
        }
        g.add(s, Rekg.term(valueProp), decimal(v.decimalValue()));
        literal(g, s, unitProp, text(q.path("unit"), "observed_name"));
    }

    /** The REKG material a MinMod commodity IRI stands for: an element by symbol, or a hand link. */
    private Node material(String uri) {
        if (uri == null || !uri.startsWith(Identifiers.MINMOD)) {
            return null;
        }
        String id = uri.substring(Identifiers.MINMOD.length());
        if (handLinkedMinmod.containsKey(id)) {
            return handLinkedMinmod.get(id);
        }
        MinmodCommodities.Commodity c = commodities.byId(id);
        if (c == null || c.symbol() == null) {
            return null;
        }
        Node element = Rekg.id("element/" + c.symbol());
        boolean known = Txn.calculateRead(dataset, () -> dataset.asDatasetGraph().find(Node.ANY, element, Rekg.term("symbol"), Node.ANY).hasNext());
        return known ? element : null;
    }

    private Node sourceDocument(Graph g, JsonNode site, String recordId) {
        Node s = Rekg.source("minmod-" + recordId);
        g.add(s, RDF.type.asNode(), Rekg.term("SourceDocument"));
        JsonNode doc = site.path("reference").path(0).path("document");
        String title = text(doc, "title");
        String t = title != null ? title : "MinMod mineral-site record " + recordId;
        g.add(s, DCTerms.title.asNode(), NodeFactory.createLiteralString(t));
        g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(t, "en"));
        for (JsonNode a : doc.path("authors")) {
            g.add(s, DCTerms.creator.asNode(), NodeFactory.createLiteralString(a.asText()));
        }
        if (doc.path("year").isInt()) {
            String issued = doc.path("month").isInt()
                    ? String.format("%04d-%02d", doc.get("year").asInt(), doc.get("month").asInt())
                    : String.format("%04d", doc.get("year").asInt());
            g.add(s, DCTerms.issued.asNode(), NodeFactory.createLiteralDT(issued,
                    issued.length() == 4 ? XSDDatatype.XSDgYear : XSDDatatype.XSDgYearMonth));
        }
        String uri = text(doc, "uri");
        if (uri != null && uri.startsWith("http")) {
            g.add(s, NodeFactory.createURI(Rekg.FOAF + "page"), NodeFactory.createURI(uri));
        }
        g.add(s, DCTerms.publisher.asNode(), NodeFactory.createLiteralString("MinMod (DARPA CriticalMAAS)"));
        g.add(s, Rekg.term("sourceKind"), Rekg.id("sourcekind/reference"));
        return s;
    }

    /** The REKG sites by normalised English label (for matching MinMod site names). */
    private Map<String, Node> siteLabels() {
        Map<String, Node> out = new HashMap<>();
        String q = """
                SELECT DISTINCT ?s ?l { ?s a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <%sSite> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lang(?l) = "en") }
                """.formatted(Rekg.NS);
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = QueryExecution.dataset(dataset).query(q).build()) {
                qe.execSelect().forEachRemaining(r -> {
                    Node s = r.get("s").asNode();
                    if (!s.getURI().startsWith(Rekg.ID + "minmod/")) {
                        out.putIfAbsent(CountryNames.normalise(r.getLiteral("l").getString()), s);
                    }
                });
            }
        });
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static void literal(Graph g, Node s, String property, String value) {
        if (value != null && !value.isBlank()) {
            g.add(s, Rekg.term(property), NodeFactory.createLiteralString(value.strip()));
        }
    }

    private static Node decimal(BigDecimal v) {
        return NodeFactory.createLiteralDT(v.stripTrailingZeros().toPlainString(), XSDDatatype.XSDdecimal);
    }
}
