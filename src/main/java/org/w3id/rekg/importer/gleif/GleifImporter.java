package org.w3id.rekg.importer.gleif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Imports GLEIF data as a named graph {@code graph/import/gleif/<file name>}, then recomputes
 * ownership. Two inputs are understood:
 * <ul>
 * <li>GLEIF API v1 JSON responses ({@code data} one record or a list): {@code lei-records} become
 * organisations {@code id:lei/<LEI>} ({@code rekg:Firm}, {@code rekg:lei}, the legal name,
 * {@code rekg:headquarteredIn} the state of the head office, {@code rdfs:seeAlso} the entity's
 * IRI in GLEIF's own RDF, {@code https://rdf.gleif.org/L1/L-<LEI>}); {@code relationship-records}
 * of type IS_DIRECTLY_CONSOLIDATED_BY become stakes of the parent in the child with the interest
 * kind {@code interest/accounting-consolidation} (consolidation means control; no share is
 * given), IS_ULTIMATELY_CONSOLIDATED_BY become {@code rekg:DeclaredIndirectStake}s checked
 * against the chain of direct parents; each is {@code rdfs:seeAlso} GLEIF's relationship IRI
 * ({@code https://rdf.gleif.org/L2/R-<child>-<parent>-D} or {@code -U}); {@code reporting-exceptions}
 * become a comment on the entity;</li>
 * <li>the golden-copy relationship file (CSV with the standard columns
 * {@code Relationship.StartNode.NodeID}, {@code Relationship.EndNode.NodeID},
 * {@code Relationship.RelationshipType}, {@code Relationship.RelationshipStatus} and the periods
 * {@code Relationship.Period.N.startDate/endDate/periodType}), read the same way.</li>
 * </ul>
 * Relationships that are not accounting consolidation (funds, branches) are left out, and so are
 * inactive ones without an end date. A file that is neither, or a record without its LEIs, is an
 * error naming the file and the record.
 */
public final class GleifImporter {
    public static final String KIND = "gleif";
    public static final String GLEIF_L1 = "https://rdf.gleif.org/L1/L-";
    public static final String GLEIF_L2 = "https://rdf.gleif.org/L2/R-";
    static final String LEI_PATTERN = "[0-9A-Z]{18}[0-9]{2}";

    private GleifImporter() {}

    /** The file as RDF; touches no store. */
    public static Graph toGraph(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            csv(file, g);
        } else {
            json(file, g);
        }
        return g;
    }

    static Node entity(String lei) {
        return Rekg.id("lei/" + lei);
    }

    private static RekgException error(Path file, String record, String msg) {
        return new RekgException(ErrorCode.IMPORT_FORMAT, file.getFileName() + ", " + record + ": " + msg);
    }

    private static void json(Path file, Graph g) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !(data.isObject() || data.isArray())) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a GLEIF API response: no 'data' record or list");
        }
        List<JsonNode> records = new java.util.ArrayList<>();
        if (data.isArray()) {
            data.forEach(records::add);
        } else {
            records.add(data);
        }
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = r.path("id").asText("");
            String where = "record #" + (i + 1) + (id.isEmpty() ? "" : " (" + id + ")");
            JsonNode a = r.path("attributes");
            switch (r.path("type").asText("")) {
                case "lei-records" -> leiRecord(file, where, a, g);
                case "relationship-records" -> {
                    JsonNode rel = a.path("relationship");
                    String start = null;
                    String end = null;
                    for (JsonNode p : rel.path("periods")) {
                        if (p.path("type").asText("").equals("RELATIONSHIP_PERIOD")) {
                            start = p.path("startDate").asText(null);
                            end = p.path("endDate").asText(null);
                        }
                    }
                    relationship(file, where, rel.path("startNode").path("id").asText(""),
                            rel.path("endNode").path("id").asText(""), rel.path("type").asText(""),
                            rel.path("status").asText(""), start, end, g);
                }
                case "reporting-exceptions" -> {
                    String lei = a.path("lei").asText("");
                    checkLei(file, where, lei);
                    g.add(entity(lei), RDF.type.asNode(), Rekg.term("Organization"));
                    g.add(entity(lei), Rekg.term("lei"), NodeFactory.createLiteralString(lei));
                    g.add(entity(lei), RDFS.comment.asNode(), NodeFactory.createLiteralLang("GLEIF reporting exception for "
                            + a.path("category").asText("?") + ": " + a.path("reason").asText("?"), "en"));
                }
                default -> throw error(file, where, "unknown record type '" + r.path("type").asText("")
                        + "' (expected lei-records, relationship-records or reporting-exceptions)");
            }
        }
    }

    private static void checkLei(Path file, String where, String lei) {
        if (!lei.matches(LEI_PATTERN)) {
            throw error(file, where, "not an LEI: '" + lei + "'");
        }
    }

    private static void leiRecord(Path file, String where, JsonNode a, Graph g) {
        String lei = a.path("lei").asText("");
        checkLei(file, where, lei);
        Node s = entity(lei);
        g.add(s, RDF.type.asNode(), Rekg.term("Firm"));
        g.add(s, Rekg.term("lei"), NodeFactory.createLiteralString(lei));
        g.add(s, RDFS.seeAlso.asNode(), NodeFactory.createURI(GLEIF_L1 + lei));
        JsonNode entityNode = a.path("entity");
        String name = entityNode.path("legalName").path("name").asText("");
        if (name.isEmpty()) {
            throw error(file, where, "no legal name");
        }
        String lang = entityNode.path("legalName").path("language").asText("");
        g.add(s, RDFS.label.asNode(), lang.matches("[a-z]{2}") ? NodeFactory.createLiteralLang(name, lang)
                : NodeFactory.createLiteralString(name));
        String country = entityNode.path("headquartersAddress").path("country").asText(
                entityNode.path("legalAddress").path("country").asText(""));
        if (country.matches("[A-Z]{2}")) {
            g.add(s, Rekg.term("headquarteredIn"), Rekg.id("state/" + country));
        }
    }

    private static void relationship(Path file, String where, String child, String parent, String type, String status,
            String start, String end, Graph g) {
        checkLei(file, where, child);
        checkLei(file, where, parent);
        boolean direct = type.equals("IS_DIRECTLY_CONSOLIDATED_BY");
        boolean ultimate = type.equals("IS_ULTIMATELY_CONSOLIDATED_BY");
        if (!direct && !ultimate) {
            return; // funds, branches: not control by consolidation
        }
        if (status.equals("INACTIVE") && (end == null || end.isBlank())) {
            return; // ended, but we do not know when
        }
        Node stake = Rekg.id("lei-relationship/" + child + "-" + parent + (direct ? "-D" : "-U"));
        for (String lei : List.of(child, parent)) {
            g.add(entity(lei), RDF.type.asNode(), Rekg.term("Organization"));
            g.add(entity(lei), Rekg.term("lei"), NodeFactory.createLiteralString(lei));
            g.add(entity(lei), RDFS.seeAlso.asNode(), NodeFactory.createURI(GLEIF_L1 + lei));
        }
        g.add(stake, RDF.type.asNode(), Rekg.term("Stake"));
        if (ultimate) {
            g.add(stake, RDF.type.asNode(), Rekg.term("DeclaredIndirectStake"));
        }
        g.add(stake, Rekg.term("holder"), entity(parent));
        g.add(stake, Rekg.term("target"), entity(child));
        g.add(stake, Rekg.term("interestKind"), Rekg.id("interest/accounting-consolidation"));
        g.add(stake, RDFS.seeAlso.asNode(), NodeFactory.createURI(GLEIF_L2 + child + "-" + parent + (direct ? "-D" : "-U")));
        g.add(stake, RDFS.label.asNode(), NodeFactory.createLiteralLang((direct ? "direct" : "ultimate")
                + " accounting-consolidation parent of " + child + ": " + parent, "en"));
        date(file, where, start, Rekg.term("startDate"), stake, g);
        date(file, where, end, Rekg.term("endDate"), stake, g);
    }

    private static void date(Path file, String where, String value, Node p, Node s, Graph g) {
        if (value == null || value.isBlank() || value.equals("null")) {
            return;
        }
        String day = value.length() >= 10 ? value.substring(0, 10) : value;
        try {
            java.time.LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw error(file, where, "not a date: '" + value + "'");
        }
        g.add(s, p, NodeFactory.createLiteralDT(day, XSDDatatype.XSDdate));
    }

    static final String START = "Relationship.StartNode.NodeID";
    static final String END = "Relationship.EndNode.NodeID";
    static final String TYPE = "Relationship.RelationshipType";
    static final String STATUS = "Relationship.RelationshipStatus";

    private static void csv(Path file, Graph g) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
            List<String> header = p.getHeaderNames();
            for (String required : List.of(START, END, TYPE)) {
                if (!header.contains(required)) {
                    throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a GLEIF relationship file: no column "
                            + required);
                }
            }
            for (CSVRecord rec : p) {
                String where = "line " + (rec.getRecordNumber() + 1);
                if (!rec.isConsistent()) {
                    throw error(file, where, "expected " + header.size() + " columns, found " + rec.size());
                }
                String start = null;
                String end = null;
                for (int k = 1; k <= 5; k++) {
                    String typeCol = "Relationship.Period." + k + ".periodType";
                    if (header.contains(typeCol) && rec.get(typeCol).equals("RELATIONSHIP_PERIOD")) {
                        start = rec.get("Relationship.Period." + k + ".startDate");
                        end = rec.get("Relationship.Period." + k + ".endDate");
                    }
                }
                relationship(file, where, rec.get(START), rec.get(END), rec.get(TYPE),
                        header.contains(STATUS) ? rec.get(STATUS) : "", start, end, g);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a readable CSV file: " + e.getMessage(), e);
        }
    }
}
