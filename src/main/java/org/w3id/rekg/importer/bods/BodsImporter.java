package org.w3id.rekg.importer.bods;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Imports a BODS 0.4 file (a JSON array of statements) as a named graph
 * {@code graph/import/bods/<file name>}, then recomputes ownership.
 *
 * <ul>
 * <li>entity statements: registered and legal entities become {@code rekg:Firm} or
 * {@code rekg:Organization}; state bodies {@code rekg:Ministry}, {@code rekg:Agency} or
 * {@code rekg:GovernmentBody}, {@code rekg:governmentOf} the state of their jurisdiction; a
 * state with a jurisdiction code is REKG's own {@code id:state/<code>};</li>
 * <li>person statements: {@code rekg:Person};</li>
 * <li>relationship statements: one {@code rekg:Stake} per interest, holder = interested party,
 * target = subject; {@code share.exact} → {@code rekg:share}, {@code minimum}/{@code exclusiveMinimum}
 * → {@code rekg:shareMin}, {@code maximum}/{@code exclusiveMaximum} → {@code rekg:shareMax}
 * (exclusive bounds are kept as bounds of the range); an indirect interest becomes a
 * {@code rekg:DeclaredIndirectStake}: kept as declared and checked against the chain, never added to it.</li>
 * </ul>
 * Every record also gets a claim ({@code rekg:Claim}, {@code rekg:locator} = record and statement id).
 * A file that is not a BODS array, a record without its required fields, a share outside 0–100 or a
 * relationship naming a party the file does not describe is an error naming the file and the record;
 * nothing is imported then.
 */
public final class BodsImporter {
    public static final String KIND = "bods";
    static final String BASE = Rekg.ID + "bods/";

    private BodsImporter() {}

    /** The file as RDF; touches no store. */
    public static Graph toGraph(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a BODS file: expected a JSON array of statements");
        }
        return new Converter(file, root).convert();
    }

    private static final class Converter {
        final Path file;
        final JsonNode root;
        final Graph g = GraphFactory.createDefaultGraph();
        final Map<String, Node> parties = new HashMap<>();
        final Map<String, String> partyType = new HashMap<>();

        Converter(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        RekgException error(int i, String recordId, String msg) {
            return new RekgException(ErrorCode.IMPORT_FORMAT, file.getFileName() + ", statement #" + (i + 1)
                    + (recordId != null ? " (record " + recordId + ")" : "") + ": " + msg);
        }

        String text(JsonNode n, String field, int i, String recordId, boolean required) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw error(i, recordId, "missing " + field);
                }
                return null;
            }
            if (!v.isTextual()) {
                throw error(i, recordId, field + " must be a string, got " + v);
            }
            return v.asText();
        }

        Graph convert() {
            List<Integer> relationships = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                JsonNode st = root.get(i);
                if (!st.isObject()) {
                    throw error(i, null, "a statement must be a JSON object");
                }
                String recordId = text(st, "recordId", i, null, true);
                String type = text(st, "recordType", i, recordId, true);
                JsonNode details = st.get("recordDetails");
                if (details == null || !details.isObject()) {
                    throw error(i, recordId, "missing recordDetails");
                }
                switch (type) {
                    case "entity" -> entity(i, recordId, st, details);
                    case "person" -> person(i, recordId, st, details);
                    case "relationship" -> relationships.add(i);
                    default -> throw error(i, recordId, "unknown recordType '" + type + "' (expected entity, person or relationship)");
                }
            }
            for (int i : relationships) {
                JsonNode st = root.get(i);
                relationship(i, st.get("recordId").asText(), st, st.get("recordDetails"));
            }
            return g;
        }

        void claim(Node about, String recordId, JsonNode st) {
            Node claim = NodeFactory.createURI(Rekg.ID + "claim/bods/" + recordId + "/" + Math.abs(about.getURI().hashCode()));
            g.add(claim, RDF.type.asNode(), Rekg.term("Claim"));
            g.add(claim, Rekg.term("about"), about);
            String statement = st.path("statementId").asText("");
            g.add(claim, Rekg.term("locator"), NodeFactory.createLiteralString("BODS record " + recordId
                    + (statement.isEmpty() ? "" : ", statement " + statement)));
        }

        void entity(int i, String recordId, JsonNode st, JsonNode d) {
            String name = text(d, "name", i, recordId, false);
            JsonNode et = d.get("entityType");
            String type = et == null ? "unknownEntity" : et.path("type").asText("unknownEntity");
            String subtype = et == null ? "" : et.path("subtype").asText("");
            String code = d.path("jurisdiction").path("code").asText("");
            String stateCode = code.matches("[A-Z]{2}") ? code : null;
            Node s;
            Node cls;
            if (type.equals("state") && stateCode != null) {
                s = Rekg.id("state/" + stateCode);
                cls = Rekg.term("State");
            } else {
                s = NodeFactory.createURI(BASE + recordId);
                cls = switch (type) {
                    case "registeredEntity" -> Rekg.term("Firm");
                    case "state" -> Rekg.term("State");
                    case "stateBody" -> switch (subtype) {
                        case "governmentDepartment" -> Rekg.term("Ministry");
                        case "stateAgency" -> Rekg.term("Agency");
                        default -> Rekg.term("GovernmentBody");
                    };
                    default -> Rekg.term("Organization");
                };
            }
            parties.put(recordId, s);
            partyType.put(recordId, type);
            g.add(s, RDF.type.asNode(), cls);
            if (name != null) {
                g.add(s, type.equals("state") && stateCode != null ? Rekg.uri(Rekg.SKOS + "altLabel") : RDFS.label.asNode(),
                        NodeFactory.createLiteralString(name));
            }
            for (JsonNode alt : d.path("alternateNames")) {
                g.add(s, Rekg.uri(Rekg.SKOS + "altLabel"), NodeFactory.createLiteralString(alt.asText()));
            }
            for (JsonNode id : d.path("identifiers")) {
                String scheme = id.path("scheme").asText("");
                String value = id.path("id").asText("");
                if (value.isEmpty()) {
                    continue;
                }
                if (scheme.equals("XI-LEI")) {
                    g.add(s, Rekg.term("lei"), NodeFactory.createLiteralString(value));
                }
                g.add(s, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(
                        scheme.isEmpty() ? value : scheme + ":" + value));
            }
            if (type.equals("stateBody") && stateCode != null) {
                g.add(s, Rekg.term("governmentOf"), Rekg.id("state/" + stateCode));
                g.add(Rekg.id("state/" + stateCode), RDF.type.asNode(), Rekg.term("State"));
            }
            claim(s, recordId, st);
        }

        void person(int i, String recordId, JsonNode st, JsonNode d) {
            Node s = NodeFactory.createURI(BASE + recordId);
            parties.put(recordId, s);
            partyType.put(recordId, "person");
            g.add(s, RDF.type.asNode(), Rekg.term("Person"));
            JsonNode names = d.path("names");
            String name = names.size() > 0 ? names.get(0).path("fullName").asText(null) : null;
            g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralString(
                    name != null ? name : "person (" + d.path("personType").asText("unnamed") + ")"));
            claim(s, recordId, st);
        }

        void relationship(int i, String recordId, JsonNode st, JsonNode d) {
            String subject = text(d, "subject", i, recordId, true);
            JsonNode party = d.get("interestedParty");
            if (party == null || party.isNull()) {
                throw error(i, recordId, "missing interestedParty");
            }
            if (!party.isTextual()) {
                // an unspecified party (a reason instead of a record): nothing to hold the stake
                return;
            }
            Node target = parties.get(subject);
            Node holder = parties.get(party.asText());
            if (target == null) {
                throw error(i, recordId, "the subject '" + subject + "' is not an entity or person of this file");
            }
            if (holder == null) {
                throw error(i, recordId, "the interested party '" + party.asText() + "' is not an entity or person of this file");
            }
            JsonNode interests = d.path("interests");
            if (!interests.isMissingNode() && !interests.isArray()) {
                throw error(i, recordId, "interests must be an array");
            }
            for (int k = 0; k < interests.size(); k++) {
                JsonNode in = interests.get(k);
                String type = in.path("type").asText("");
                Node kind = switch (type) {
                    case "shareholding", "rightsToProfitOrIncome", "rightsToSurplusAssetsOnDissolution" -> Rekg.id("interest/shareholding");
                    case "votingRights" -> Rekg.id("interest/voting-rights");
                    case "controlByLegalFramework" -> Rekg.id("interest/control-by-law");
                    case "appointmentOfBoard", "otherInfluenceOrControl", "controlViaCompanyRulesOrArticles" -> Rekg.id("interest/other-control");
                    case "", "unknownInterest", "unpublishedInterest" -> null;
                    default -> Rekg.id("skip");
                };
                if (kind != null && kind.getURI().endsWith("/skip")) {
                    continue; // roles (trustee, board member, nominee...) are not stakes
                }
                Node stake = NodeFactory.createURI(BASE + recordId + (interests.size() > 1 ? "/" + (k + 1) : ""));
                boolean indirect = in.path("directOrIndirect").asText("").equals("indirect");
                g.add(stake, RDF.type.asNode(), Rekg.term("Stake"));
                if (indirect) {
                    g.add(stake, RDF.type.asNode(), Rekg.term("DeclaredIndirectStake"));
                }
                g.add(stake, Rekg.term("holder"), holder);
                g.add(stake, Rekg.term("target"), target);
                if (kind != null) {
                    g.add(stake, Rekg.term("interestKind"), kind);
                }
                g.add(stake, RDFS.label.asNode(), NodeFactory.createLiteralLang((indirect ? "indirect " : "")
                        + (type.isEmpty() ? "interest" : type) + " of BODS record " + party.asText() + " in " + subject, "en"));
                JsonNode share = in.get("share");
                if (share != null && !share.isNull()) {
                    if (!share.isObject()) {
                        throw error(i, recordId, "interest " + (k + 1) + ": share must be an object");
                    }
                    number(i, recordId, k, share, "exact", stake, "share");
                    number(i, recordId, k, share, "minimum", stake, "shareMin");
                    number(i, recordId, k, share, "exclusiveMinimum", stake, "shareMin");
                    number(i, recordId, k, share, "maximum", stake, "shareMax");
                    number(i, recordId, k, share, "exclusiveMaximum", stake, "shareMax");
                }
                date(i, recordId, in, "startDate", stake);
                date(i, recordId, in, "endDate", stake);
                claim(stake, recordId, st);
            }
        }

        void number(int i, String recordId, int k, JsonNode share, String field, Node stake, String property) {
            JsonNode v = share.get(field);
            if (v == null || v.isNull()) {
                return;
            }
            if (!v.isNumber()) {
                throw error(i, recordId, "interest " + (k + 1) + ": share." + field + " must be a number, got " + v);
            }
            BigDecimal d;
            try {
                d = v.decimalValue();
            } catch (NumberFormatException e) {
                throw error(i, recordId, "interest " + (k + 1) + ": share." + field + " is not a finite number, got " + v
                        + " (JSON pointer /" + i + "/interests/" + k + "/share/" + field + ")");
            }
            if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw error(i, recordId, "interest " + (k + 1) + ": share." + field + " must be between 0 and 100, got "
                        + (d.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0 ? d.toString() : d.toPlainString()));
            }
            g.add(stake, Rekg.term(property), NodeFactory.createLiteralDT(d.stripTrailingZeros().toPlainString(), XSDDatatype.XSDdecimal));
        }

        void date(int i, String recordId, JsonNode in, String field, Node stake) {
            String s = in.path(field).asText("");
            if (s.isEmpty()) {
                return;
            }
            try {
                LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw error(i, recordId, field + " must be a date YYYY-MM-DD, got '" + s + "'");
            }
            g.add(stake, Rekg.term(field), NodeFactory.createLiteralDT(s, XSDDatatype.XSDdate));
        }
    }
}
