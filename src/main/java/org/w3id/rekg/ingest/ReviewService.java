package org.w3id.rekg.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.store.ProjectLayout;

/**
 * The review graph's candidates: listing them, and accepting one as a curated record appended to
 * {@code sources/accepted/<document>.yaml} (created with a {@code source:} header for the
 * document), in the format {@code SourceCompiler} reads, with the evidence as its locator
 * ({@code "chars 120-245, sentence 4"}). The file is checked by compiling every source before it
 * is kept; if the check fails the file is restored and the candidate stays pending.
 *
 * <pre>{@code
 * ReviewService r = new ReviewService(dataset, layout, () -> new BuildService(layout).compile());
 * r.list(true).forEach(c -> System.out.println(c.id()));
 * Path file = r.accept("report-3").file();
 * }</pre>
 */
public final class ReviewService {
    private final Dataset dataset;
    private final ProjectLayout layout;
    /** Checks that the sources, with an accepted record added, still compile; throws a RekgException if not. */
    private final Runnable sourcesCheck;

    public ReviewService(Dataset dataset, ProjectLayout layout, Runnable sourcesCheck) {
        this.sourcesCheck = sourcesCheck;
        this.dataset = dataset;
        this.layout = layout;
    }

    /** A candidate as stored. {@code values}: property local name → entity ids or literals. */
    public record Item(String id, String docId, String pattern, String cls, String subject, Map<String, List<String>> values,
            String labelEn, String labelFr, int sentence, int begin, int end, double confidence, String evidence, String status) {}

    /**
     * What an acceptance wrote: the record, its file, and when the fact was already in the graph
     * the record it adds a claim to ({@code mergedInto}), with {@code disagrees} when the new
     * source gives another value (both values stay, flagged by query 05).
     */
    public record Accepted(String recordId, Path file, String mergedInto, boolean disagrees, List<String> missingMetadata) {}

    /** The candidates, by document and number; only the pending ones if {@code pendingOnly}. */
    public List<Item> list(boolean pendingOnly) {
        DatasetGraph dsg = dataset.asDatasetGraph();
        List<Item> out = Txn.calculateRead(dsg, () -> {
            Graph g = dsg.getGraph(Nif.REVIEW_GRAPH);
            List<Item> items = new ArrayList<>();
            for (Node c : g.find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(), Nif.CANDIDATE).mapWith(Triple::getSubject).toList()) {
                Item it = item(g, c);
                if (!pendingOnly || it.status().equals("pending")) {
                    items.add(it);
                }
            }
            return items;
        });
        out.sort((a, b) -> a.docId().equals(b.docId()) ? Integer.compare(number(a.id()), number(b.id())) : a.docId().compareTo(b.docId()));
        return out;
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    private static Item item(Graph g, Node c) {
        String id = c.getURI().substring((Rekg.ID + "candidate/").length());
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Node> props = new TreeMap<>();
        g.find(c, Nif.PROPOSES, Node.ANY).forEach(t -> props.put(t.getObject().getURI(), t.getObject()));
        for (Node p : props.values()) {
            String prop = one(g, p, Nif.PROPERTY).getURI().substring(Rekg.NS.length());
            Node v = one(g, p, Nif.VALUE);
            values.computeIfAbsent(prop, k -> new ArrayList<>()).add(v.isURI() ? v.getURI().substring(Rekg.ID.length()) : lexical(v));
        }
        Node cls = one(g, c, Nif.PROPOSED_CLASS);
        Node subject = one(g, c, Nif.PROPOSED_SUBJECT);
        String en = null;
        String fr = null;
        for (Triple t : g.find(c, Nif.PROPOSED_LABEL, Node.ANY).toList()) {
            if (t.getObject().getLiteralLanguage().equals("fr")) {
                fr = t.getObject().getLiteralLexicalForm();
            } else {
                en = t.getObject().getLiteralLexicalForm();
            }
        }
        return new Item(id, lex(g, c, Nif.DOC_ID), lex(g, c, Nif.PATTERN),
                cls == null ? null : cls.getURI().substring(Rekg.NS.length()),
                subject == null ? null : subject.getURI().substring(Rekg.ID.length()), values, en, fr,
                Integer.parseInt(lex(g, c, Nif.SENTENCE_NUMBER)), Integer.parseInt(lex(g, c, Nif.BEGIN)),
                Integer.parseInt(lex(g, c, Nif.END)), Double.parseDouble(lex(g, c, Nif.TA_CONFIDENCE)),
                lex(g, c, Nif.ANCHOR), lex(g, c, Nif.STATUS));
    }

    /** A literal's lexical form; a decimal without trailing zeros (a store may write 30 as 30.0). */
    private static String lexical(Node v) {
        if (v.getLiteralDatatypeURI().equals(org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal.getURI())) {
            return new java.math.BigDecimal(v.getLiteralLexicalForm()).stripTrailingZeros().toPlainString();
        }
        return v.getLiteralLexicalForm();
    }

    private static Node one(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static String lex(Graph g, Node s, Node p) {
        Node n = one(g, s, p);
        return n == null ? null : n.getLiteralLexicalForm();
    }

    /** The record a candidate becomes, as YAML-ready values (insertion order is the file's order). */
    static Map<String, Object> record(Item c) {
        return record(c, null);
    }

    /** The record; with a match, facts about the matched record instead of a new one. */
    static Map<String, Object> record(Item c, RecordMatcher.Match match) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("id", recordId(c));
        if (match != null) {
            rec.put("subject", match.recordId());
            rec.put("at", "chars " + c.begin() + "-" + c.end() + ", sentence " + c.sentence());
            List<String> keys = RecordMatcher.KEYS.getOrDefault(c.pattern(), List.of());
            c.values().forEach((p, vs) -> {
                if (!keys.contains(p) && Candidate.LITERALS.containsKey(p)) {
                    rec.put(p, typed(p, vs));
                }
            });
            return rec;
        }
        if (c.cls() != null) {
            rec.put("a", c.cls());
        } else {
            rec.put("subject", c.subject());
        }
        rec.put("at", "chars " + c.begin() + "-" + c.end() + ", sentence " + c.sentence());
        if (c.cls() != null) {
            Map<String, String> label = new LinkedHashMap<>();
            label.put("en", c.labelEn());
            label.put("fr", c.labelFr());
            rec.put("label", label);
        }
        c.values().forEach((p, vs) -> rec.put(p, typed(p, vs)));
        return rec;
    }

    /** Numbers as YAML numbers, years as integers, the rest as strings; one value or a list. */
    private static Object typed(String property, List<String> vs) {
        List<Object> out = new ArrayList<>();
        String kind = Candidate.LITERALS.get(property);
        for (String v : vs) {
            if ("decimal".equals(kind) || "year".equals(kind) || "integer".equals(kind)) {
                java.math.BigDecimal d = new java.math.BigDecimal(v);
                out.add(d.stripTrailingZeros().scale() <= 0 ? (Object) d.toBigInteger().longValueExact() : (Object) d.doubleValue());
            } else {
                out.add(v);
            }
        }
        return out.size() == 1 ? out.get(0) : out;
    }

    static String recordId(Item c) {
        int dash = c.id().lastIndexOf('-');
        return c.id().substring(0, dash) + "-c" + c.id().substring(dash + 1);
    }

    /** Turns a pending candidate into a record of {@code sources/accepted/<doc>.yaml}. */
    public Accepted accept(String id) {
        Item c = list(false).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                new RekgException(ErrorCode.REVIEW_CANDIDATE, "no candidate '" + id + "' in the review graph (see 'rekg review')"));
        if (!c.status().equals("pending")) {
            throw new RekgException(ErrorCode.REVIEW_CANDIDATE, "candidate '" + id + "' is already " + c.status());
        }
        DatasetGraph mdsg = dataset.asDatasetGraph();
        RecordMatcher.Match found = Txn.calculateRead(mdsg, () -> new RecordMatcher(mdsg).match(c));
        // the same fact: a claim on the existing record; another value: a record of its own beside it
        RecordMatcher.Match match = found != null && found.kind() == RecordMatcher.Kind.SAME ? found : null;
        Map<String, Object> rec = record(c, match);
        if (found != null && match == null) {
            rec.put("comment", Map.of("en", "The document gives other values (" + found.differing().keySet()
                    + ") than the record " + found.recordId() + "; both are kept."));
        }
        Path file = layout.sources().resolve("accepted").resolve(c.docId() + ".yaml");
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120).build();
        Dump dump = new Dump(settings);
        try {
            String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            StringBuilder text = new StringBuilder();
            if (before == null) {
                text.append("# Records accepted from the ingested document '").append(c.docId())
                        .append("' with 'rekg accept'. Locators are character offsets in the ingested text.\n");
                text.append(dump.dumpToString(Map.of("source", header(c.docId()))));
                text.append("records:\n");
            } else {
                text.append(before);
                if (!before.endsWith("\n")) {
                    text.append('\n');
                }
            }
            for (String line : dump.dumpToString(List.of(rec)).split("\n")) {
                text.append("  ").append(line).append('\n');
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".accept", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Path backup = before == null ? null : Files.createTempFile(file.getParent(), ".backup", ".tmp");
            if (backup != null) {
                Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try {
                sourcesCheck.run();
            } catch (RekgException e) {
                if (backup != null) {
                    Files.move(backup, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.delete(file);
                }
                throw new RekgException(ErrorCode.REVIEW_CANDIDATE, "the record for '" + id
                        + "' does not pass the source checks, nothing was written: " + e.getMessage(), e);
            }
            if (backup != null) {
                Files.deleteIfExists(backup);
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.REVIEW_CANDIDATE, "cannot write " + file + ": " + e.getMessage(), e);
        }
        DatasetGraph dsg = dataset.asDatasetGraph();
        Node cand = Nif.candidate(id);
        Txn.executeWrite(dsg, () -> {
            Graph g = dsg.getGraph(Nif.REVIEW_GRAPH);
            g.remove(cand, Nif.STATUS, Node.ANY);
            g.add(cand, Nif.STATUS, NodeFactory.createLiteralString("accepted"));
            g.add(cand, Nif.ACCEPTED_AS, Rekg.id(recordId(c)));
        });
        List<String> missing = new ArrayList<>();
        try {
            String header = Files.readString(file, StandardCharsets.UTF_8);
            header = header.substring(0, Math.max(0, header.indexOf("\nrecords:")));
            if (header.contains("\n  title: " + c.docId() + ".") || header.contains("\n  title: " + c.docId() + "\n")) {
                missing.add("title");
            }
            for (String k : List.of("publisher", "issued", "url")) {
                if (!header.contains("\n  " + k + ":")) {
                    missing.add(k);
                }
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.REVIEW_CANDIDATE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Accepted(recordId(c), file, found == null ? null : found.recordId(),
                found != null && found.kind() == RecordMatcher.Kind.DIFFERENT, missing);
    }

    /** The source header of an accepted document, from its NIF context. */
    private Map<String, Object> header(String docId) {
        DatasetGraph dsg = dataset.asDatasetGraph();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", "doc-" + docId);
        Txn.executeRead(dsg, () -> {
            Graph g = dsg.getGraph(Nif.docGraph(docId));
            var ctx = g.find(Node.ANY, Nif.DOC_ID, Node.ANY);
            Node c = ctx.hasNext() ? ctx.next().getSubject() : null;
            String title = c == null ? null : lex(g, c, Nif.DCT_TITLE);
            String file = c == null ? null : lex(g, c, Nif.FILE_NAME);
            h.put("title", title != null ? title : file != null ? file : docId); // the file name until someone gives the title
            for (String k : List.of("creator", "publisher", "issued")) {
                String v = c == null ? null : lex(g, c, Nif.META.get(k));
                if (v != null) {
                    h.put(k, v);
                }
            }
            String lang = c == null ? null : lex(g, c, Nif.DCT_LANGUAGE);
            if (lang != null) {
                h.put("language", lang);
            }
            String url = c == null ? null : lex(g, c, Nif.META.get("url"));
            if (url != null) {
                h.put("url", url);
            }
            h.put("kind", "background");
            if (file != null) {
                h.put("comment", "Ingested from the file " + file + " (SHA-256 " + lex(g, c, Nif.SHA256) + ").");
            }
        });
        return h;
    }
}
