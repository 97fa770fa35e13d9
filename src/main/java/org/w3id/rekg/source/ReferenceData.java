package org.w3id.rekg.source;

import org.w3id.rekg.core.Location;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.vocab.Rekg;

/**
 * The reference data in {@code sources/reference/}: every ISO 3166-1 entry from the
 * country-codes dataset and the elements listed in {@code materials.yaml}, with their figures
 * from the periodic-table dataset. Each row becomes a claim whose locator is the CSV row.
 */
public final class ReferenceData {
    public static final String COUNTRY_SOURCE = "country-codes";
    public static final String ELEMENT_SOURCE = "periodic-table";

    private static final Node SKOS_ALT = NodeFactory.createURI(Rekg.SKOS + "altLabel");

    private final Map<Node, Graph> graphs = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    private ReferenceData() {}

    /** Reads the reference files under {@code dir} (normally {@code sources/reference}). */
    public static ReferenceData load(Path dir) {
        ReferenceData data = new ReferenceData();
        data.countries(dir.resolve("country-codes.csv"));
        data.elements(dir.resolve("periodic-table.csv"), dir.resolve("materials.yaml"));
        return data;
    }

    public Map<Node, Graph> graphs() {
        return graphs;
    }

    /** Ids (relative to {@link Rekg#ID}) of the states, regions and elements defined here. */
    public Set<String> ids() {
        return ids;
    }

    private void countries(Path csv) {
        Graph g = GraphFactory.createDefaultGraph();
        Node source = sourceNode(g, COUNTRY_SOURCE, "Country codes: ISO 3166 and other codes for the world's countries",
                "https://github.com/datasets/country-codes", "https://opendatacommons.org/licenses/pddl/1-0/");
        Map<String, String> partOf = new LinkedHashMap<>();
        List<CSVRecord> rows = records(csv, "ISO3166-1-Alpha-2", "ISO3166-1-Alpha-3", "ISO3166-1-numeric", "is_independent",
                "official_name_en", "official_name_fr", "CLDR display name", "UNTERM English Short", "UNTERM English Formal",
                "UNTERM French Short", "UNTERM French Formal", "Geoname ID", "wikidata_id");
        for (CSVRecord r : rows) {
            if (!r.isConsistent()) {
                throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), (int) r.getRecordNumber() + 1, 1),
                        "the row has " + r.size() + " values, not one per column of the header");
            }
            String a2 = r.get("ISO3166-1-Alpha-2").strip();
            if (a2.isEmpty()) {
                continue; // rows without an ISO entry (e.g. historical FIFA members)
            }
            if (!a2.matches("[A-Z]{2}")) {
                throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), (int) r.getRecordNumber() + 1, 1),
                        "ISO3166-1-Alpha-2 must be two capital letters, got '" + a2 + "'");
            }
            String id = "state/" + a2;
            Node s = Rekg.id(id);
            ids.add(id);
            String independent = r.get("is_independent").strip();
            boolean state = independent.equals("Yes");
            g.add(s, RDF.type.asNode(), Rekg.term(state ? "State" : "Region"));
            String en = first(r.get("official_name_en"), r.get("CLDR display name"), r.get("UNTERM English Short"));
            String fr = frenchShort(first(r.get("UNTERM French Short"), r.get("official_name_fr")));
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(en, "en"));
            if (!fr.isEmpty()) {
                g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(fr, "fr"));
            }
            // other names the dataset gives, for search and mention detection ("US", "la République française")
            for (String alt : List.of(r.get("CLDR display name"), r.get("UNTERM English Short"), r.get("UNTERM English Formal"))) {
                String name = alt.strip().replaceAll("\\s*\\(the\\)$", "").replaceFirst("^the ", "");
                if (!name.isEmpty() && !name.equals(en)) {
                    g.add(s, SKOS_ALT, NodeFactory.createLiteralLang(name, "en"));
                }
            }
            for (String alt : List.of(r.get("official_name_fr"), r.get("UNTERM French Formal"))) {
                if (!alt.isBlank() && !alt.strip().equals(fr)) {
                    g.add(s, SKOS_ALT, NodeFactory.createLiteralLang(alt.strip(), "fr"));
                }
            }
            literal(g, s, "iso3166Alpha2", a2);
            literal(g, s, "iso3166Alpha3", r.get("ISO3166-1-Alpha-3"));
            String num = r.get("ISO3166-1-numeric").strip();
            if (!num.matches("\\d{0,3}")) {
                throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), (int) r.getRecordNumber() + 1, 1),
                        "ISO3166-1-numeric must be a number of up to three digits, got '" + num + "'");
            }
            literal(g, s, "iso3166Numeric", num.isEmpty() ? "" : String.format("%03d", Integer.parseInt(num)));
            literal(g, s, "geonamesId", r.get("Geoname ID"));
            String wd = r.get("wikidata_id").strip();
            if (!wd.isEmpty()) {
                literal(g, s, "wikidataId", wd.substring(wd.lastIndexOf('/') + 1));
            }
            if (independent.startsWith("Part of ")) {
                partOf.put(id, "state/" + independent.substring("Part of ".length()).strip());
            }
            claim(g, "ref-" + a2.toLowerCase(), s, source, "country-codes.csv row " + (r.getRecordNumber() + 1));
        }
        partOf.forEach((region, st) -> {
            if (ids.contains(st)) {
                g.add(Rekg.id(region), Rekg.term("locatedIn"), Rekg.id(st));
            }
        });
        graphs.put(Rekg.graph(COUNTRY_SOURCE), g);
    }

    /** Drops the article the UN French short names end with: "Chine (la)" becomes "Chine". */
    private static String frenchShort(String name) {
        return name.replaceAll("\\s*\\((la|le|les|l')\\)\\s*$", "").strip();
    }

    @SuppressWarnings("unchecked")
    private void elements(Path csv, Path materialsFile) {
        Map<String, Object> materials;
        try (Reader in = Files.newBufferedReader(materialsFile, StandardCharsets.UTF_8)) {
            materials = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromReader(in);
        } catch (IOException | RuntimeException e) {
            throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(materialsFile.toString(), 0, 0),
                    "cannot read the list of materials: " + e.getMessage());
        }
        Set<String> rare = Set.copyOf((List<String>) materials.get("rareEarths"));
        Set<String> critical = Set.copyOf((List<String>) materials.get("criticalMaterials"));
        Map<String, String> french = (Map<String, String>) materials.get("frenchNames");
        Graph g = GraphFactory.createDefaultGraph();
        Node source = sourceNode(g, ELEMENT_SOURCE, "Periodic Table JSON (CSV edition)",
                "https://github.com/Bowserinator/Periodic-Table-JSON", "https://creativecommons.org/licenses/by-sa/3.0/");
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : records(csv, "symbol", "name", "number")) {
            if (!r.isConsistent()) {
                throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), (int) r.getRecordNumber() + 1, 1),
                        "the row has " + r.size() + " values, not one per column of the header");
            }
            String symbol = r.get("symbol").strip();
            if (!rare.contains(symbol) && !critical.contains(symbol)) {
                continue;
            }
            seen.add(symbol);
            String id = "element/" + symbol;
            Node s = Rekg.id(id);
            ids.add(id);
            g.add(s, RDF.type.asNode(), Rekg.term("ChemicalElement"));
            if (rare.contains(symbol)) {
                g.add(s, RDF.type.asNode(), Rekg.term("RareEarthElement"));
            }
            if (critical.contains(symbol)) {
                g.add(s, RDF.type.asNode(), Rekg.term("CriticalMaterial"));
            }
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(r.get("name").strip().toLowerCase(), "en"));
            if (french != null && french.containsKey(symbol)) {
                g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(french.get(symbol), "fr"));
            }
            literal(g, s, "symbol", symbol);
            g.add(s, Rekg.term("atomicNumber"), NodeFactory.createLiteralDT(r.get("number").strip(), XSDDatatype.XSDinteger));
            claim(g, "ref-element-" + symbol.toLowerCase(), s, source, "periodic-table.csv record " + r.getRecordNumber());
        }
        Set<String> missing = new HashSet<>(rare);
        missing.addAll(critical);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(materialsFile.toString(), 0, 0),
                    "symbols not found in periodic-table.csv: " + missing);
        }
        graphs.put(Rekg.graph(ELEMENT_SOURCE), g);
    }

    /** The rows of {@code csv}, which must be UTF-8 with a header naming at least {@code required}, each once, and rows. */
    private static List<CSVRecord> records(Path csv, String... required) {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).get().parse(in)) {
            for (String column : required) {
                if (!p.getHeaderMap().containsKey(column)) {
                    throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), 1, 1),
                            "missing column '" + column + "' in the header");
                }
            }
            List<CSVRecord> rows = p.getRecords();
            if (rows.isEmpty()) {
                throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), 0, 0), "the file has no rows");
            }
            return rows;
        } catch (SourceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof java.nio.charset.CharacterCodingException || e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), 0, 0), "cannot read the CSV file: not valid UTF-8 text");
            }
            throw new SourceException(ErrorCode.REFERENCE_DATA, new Location(csv.toString(), 0, 0),
                    "cannot read the CSV file: " + e.getMessage());
        }
    }

    private static Node sourceNode(Graph g, String id, String title, String url, String license) {
        Node s = Rekg.source(id);
        g.add(s, RDF.type.asNode(), Rekg.term("SourceDocument"));
        g.add(s, NodeFactory.createURI(Rekg.DCT + "title"), NodeFactory.createLiteralString(title));
        g.add(s, NodeFactory.createURI(Rekg.FOAF + "page"), NodeFactory.createURI(url));
        g.add(s, NodeFactory.createURI(Rekg.DCT + "license"), NodeFactory.createURI(license));
        g.add(s, Rekg.term("sourceKind"), Rekg.id("sourcekind/reference"));
        return s;
    }

    private static void claim(Graph g, String id, Node about, Node source, String locator) {
        Node c = Rekg.claim(id);
        g.add(c, RDF.type.asNode(), Rekg.term("Claim"));
        g.add(c, Rekg.term("about"), about);
        g.add(c, NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom"), source);
        g.add(c, Rekg.term("locator"), NodeFactory.createLiteralString(locator));
    }

    private static void literal(Graph g, Node s, String property, String value) {
        if (value != null && !value.strip().isEmpty()) {
            g.add(s, Rekg.term(property), NodeFactory.createLiteralString(value.strip()));
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.strip().isEmpty()) {
                return v.strip();
            }
        }
        return "";
    }
}
