package org.w3id.rekg.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * The names the linker looks for: every {@code rdfs:label} and {@code skos:altLabel} (both
 * languages) of the graph's named entities — actors, places and sites, materials, legal
 * instruments and agreements — plus a few variants derived from them ({@code "Inflation Reduction
 * Act (IRA)"} gives {@code "Inflation Reduction Act"} and {@code "IRA"}), plus the curated aliases of
 * {@code aliases.tsv} whose entity the graph has. Names are stored in a trie over normalised
 * tokens ({@link Tokens}), so that matching a text costs one hash lookup per token and per step.
 *
 * <pre>{@code
 * Gazetteer g = Gazetteer.load(dataset);
 * List<Mention> found = new EntityLinker(g).link("La Chine et l'Estonie", "fr");
 * }</pre>
 */
public final class Gazetteer {
    /** Classes whose members are linked. */
    static final Set<String> LINKED = Set.of("Actor", "Place", "Material", "LegalInstrument", "Agreement");
    /** Classes never linked even when they are also one of the above (vocabularies, observations, records). */
    static final Set<String> NOT_LINKED = Set.of("Claim", "SourceDocument", "Stake", "FigureObservation",
            "ShareObservation", "ValueChainStage", "ProductForm", "InterestKind", "ElementGroup", "SiteStatus",
            "SourceKind", "Event", "PolicyMeasure");
    /** Single words never taken as names on their own ("or" is French for gold). */
    static final Set<String> STOP_NAMES = Set.of("or", "the", "and", "a", "an", "of", "in", "on", "at", "to", "is",
            "it", "as", "by", "for", "de", "la", "le", "les", "des", "du", "un", "une", "et", "en", "au", "aux", "est",
            "sur", "par", "pour", "dans", "mine", "site", "place", "lieu", "material", "union");

    private static final Set<String> ARTICLES = Set.of("le", "la", "les", "the");

    /** How a name was obtained, strongest first. */
    public enum Kind { LABEL, ALT_LABEL, VARIANT, ALIAS }

    /** A linkable entity. {@code id} is relative to {@code id:}; {@code types} are local names of rekg: classes. */
    public record Entity(int index, String id, Set<String> types, Map<String, String> labels, List<String> names) {
        public String iri() {
            return Rekg.ID + id;
        }

        public boolean is(String type) {
            return types.contains(type);
        }

        /** The label in {@code lang}, else in English, else any. */
        public String label(String lang) {
            String l = labels.get(lang);
            if (l == null) {
                l = labels.getOrDefault("en", labels.values().stream().findFirst().orElse(id));
            }
            return l;
        }

        /** The most specific class of a few known ones, for messages and itsrdf:taClassRef. */
        public String mainType() {
            for (String t : List.of("State", "Town", "Region", "Mine", "Deposit", "Refinery", "MagnetPlant",
                    "RecyclingPlant", "Stockpile", "TradingHub", "Site", "Ministry", "Agency", "Legislature",
                    "GovernmentBody", "StateOwnedEnterprise", "Firm", "IntergovernmentalOrganization", "Fund",
                    "Laboratory", "ResearchOrganization", "Person", "Organization", "RareEarthElement",
                    "ChemicalElement", "MaterialGroup", "CriticalMaterial", "Material", "Law", "Bill", "Strategy",
                    "Report", "Programme", "LegalInstrument", "Partnership", "BilateralAgreement",
                    "MultilateralAgreement", "Agreement", "Place", "Actor")) {
                if (types.contains(t)) {
                    return t;
                }
            }
            return "Thing";
        }
    }

    /**
     * One name of one entity. {@code casing} is the {@link Tokens} casing of a one-word name; a
     * {@code contextual} name (an alias such as "ministère de la Défense") is linked only when the
     * document also names a neighbour of its entity in the graph.
     */
    public record Entry(int entity, String lang, Kind kind, int casing, String name, boolean contextual) {}

    static final class Node {
        Map<String, Node> next;
        List<Entry> entries;
    }

    private final List<Entity> entities;
    private final Map<String, Entity> byId;
    private final Node root = new Node();
    private final List<Set<Integer>> neighbours;
    private final String digest;
    private int names;
    private int maxTokens;

    /** A raw name: entity id, name, language, kind. */
    public record Name(String id, String name, String lang, Kind kind, boolean contextual) {
        public Name(String id, String name, String lang, Kind kind) {
            this(id, name, lang, kind, false);
        }
    }

    /**
     * Builds a gazetteer from names and entity types (local names of rekg: classes). Aliases
     * whose entity has no other name (not in {@code types}) are dropped.
     */
    public Gazetteer(List<Name> rawNames, Map<String, Set<String>> types, Map<String, Set<String>> edges) {
        Map<String, Entity> ids = new LinkedHashMap<>();
        List<Entity> list = new ArrayList<>();
        List<Name> sorted = new ArrayList<>(rawNames);
        sorted.sort((a, b) -> (a.id() + "\u0000" + a.kind() + a.lang() + a.name()).compareTo(b.id() + "\u0000" + b.kind() + b.lang() + b.name()));
        for (Name n : sorted) {
            Set<String> t = types.get(n.id());
            if (t == null || !linkable(t)) {
                continue;
            }
            Entity e = ids.get(n.id());
            if (e == null) {
                e = new Entity(list.size(), n.id(), Collections.unmodifiableSet(new TreeSet<>(t)), new LinkedHashMap<>(), new ArrayList<>());
                ids.put(n.id(), e);
                list.add(e);
            }
            if (n.kind() == Kind.LABEL) {
                e.labels().putIfAbsent(n.lang(), n.name());
            }
            e.names().add(n.name());
        }
        this.entities = List.copyOf(list);
        this.byId = ids;
        MessageDigest md = sha256();
        for (Name n : sorted) {
            Entity e = ids.get(n.id());
            if (e == null) {
                continue;
            }
            md.update((n.id() + "\t" + n.name() + "\t" + n.lang() + "\t" + n.kind() + "\n").getBytes(StandardCharsets.UTF_8));
            add(e, n.name(), n.lang(), n.kind(), n.contextual());
            if (n.kind() != Kind.ALIAS) {
                for (String v : variants(n.name())) {
                    add(e, v, n.lang(), Kind.VARIANT, false);
                }
            }
        }
        this.digest = HexFormat.of().formatHex(md.digest()).substring(0, 16);
        this.neighbours = new ArrayList<>();
        for (Entity e : entities) {
            Set<Integer> ns = new HashSet<>();
            for (String o : edges.getOrDefault(e.id(), Set.of())) {
                Entity other = ids.get(o);
                if (other != null) {
                    ns.add(other.index());
                } else {
                    // through an n-ary node (a stake, a measure, an observation): its other ends
                    for (String o2 : edges.getOrDefault(o, Set.of())) {
                        Entity x = ids.get(o2);
                        if (x != null && x != e) {
                            ns.add(x.index());
                        }
                    }
                }
            }
            neighbours.add(ns);
        }
    }

    static boolean linkable(Set<String> types) {
        for (String t : types) {
            if (NOT_LINKED.contains(t)) {
                return false;
            }
        }
        for (String t : types) {
            if (LINKED.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern PAREN = Pattern.compile("^(.+?)\\s*\\(([^()]+)\\)\\s*$");

    /** Names derived from a label: the part before a final parenthesis, an acronym in it, the part before a comma. */
    static List<String> variants(String label) {
        List<String> out = new ArrayList<>();
        Matcher m = PAREN.matcher(label);
        if (m.matches()) {
            out.add(m.group(1));
            String inner = m.group(2).strip();
            if (inner.matches("[A-Z][A-Z0-9]{1,7}")) {
                out.add(inner);
            }
        }
        int comma = label.indexOf(", ");
        if (comma > 0) {
            String head = label.substring(0, comma);
            Tokens t = Tokens.of(head);
            if (t.size() >= 1 && t.size() <= 3 && t.casing(0) != Tokens.LOWER) {
                out.add(head);
            }
        }
        return out;
    }

    private void add(Entity e, String name, String lang, Kind kind, boolean contextual) {
        Tokens t = Tokens.of(name);
        if (t.size() == 0 || t.size() > 12) {
            return;
        }
        if (t.size() == 1 && (STOP_NAMES.contains(t.norm(0)) || t.end(0) - t.begin(0) < 2)) {
            return;
        }
        int first = 0;
        while (t.size() - first > 1 && ARTICLES.contains(t.norm(first)) && t.casing(first) == Tokens.LOWER) {
            first++; // "le Japon", "the Netherlands": the article is not part of the name
        }
        Node n = root;
        for (int i = first; i < t.size(); i++) {
            if (n.next == null) {
                n.next = new HashMap<>();
            }
            n = n.next.computeIfAbsent(t.norm(i), k -> new Node());
        }
        if (n.entries == null) {
            n.entries = new ArrayList<>(1);
        }
        int casing = t.size() - first == 1 ? t.casing(first) : Tokens.LOWER;
        for (Entry x : n.entries) {
            if (x.entity() == e.index() && x.casing() == casing && x.kind().compareTo(kind) <= 0 && x.contextual() == contextual) {
                return; // already there, as strong
            }
        }
        n.entries.add(new Entry(e.index(), lang, kind, casing, name, contextual));
        names++;
        maxTokens = Math.max(maxTokens, t.size() - first);
    }

    Node root() {
        return root;
    }

    public List<Entity> entities() {
        return entities;
    }

    public Entity entity(int index) {
        return entities.get(index);
    }

    public Entity entity(String id) {
        return byId.get(id);
    }

    public Set<Integer> neighbours(int index) {
        return neighbours.get(index);
    }

    /** Number of names in the trie. */
    public int size() {
        return names;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** A short hash of every name, so that a changed graph re-links documents. */
    public String digest() {
        return digest;
    }

    /** Every name as it was added (for the naive baseline of the benchmark). */
    public List<String> allNames() {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n.entries != null) {
            n.entries.forEach(e -> out.add(e.name()));
        }
        if (n.next != null) {
            n.next.values().forEach(c -> collect(c, out));
        }
    }

    // ------------------------------------------------------------------ loading from the store

    private static final String PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

    /** Reads the names, types and links of the graph in {@code dataset}, plus the curated aliases. */
    public static Gazetteer load(Dataset dataset) {
        List<Name> names = new ArrayList<>();
        Map<String, Set<String>> types = new HashMap<>();
        Map<String, Set<String>> edges = new HashMap<>();
        Txn.executeRead(dataset, () -> {
            select(dataset, PREFIXES + "SELECT ?s ?l ?k { { ?s rdfs:label ?l BIND('L' AS ?k) } UNION { ?s skos:altLabel ?l BIND('A' AS ?k) }"
                    + " FILTER(STRSTARTS(STR(?s), '" + Rekg.ID + "') && isLiteral(?l)) }", r -> {
                        String id = r.getResource("s").getURI().substring(Rekg.ID.length());
                        var lit = r.getLiteral("l");
                        String lang = lit.getLanguage().isEmpty() ? "en" : lit.getLanguage();
                        names.add(new Name(id, lit.getLexicalForm(), lang,
                                r.getLiteral("k").getString().equals("L") ? Kind.LABEL : Kind.ALT_LABEL));
                    });
            select(dataset, "SELECT DISTINCT ?s ?t { ?s a ?t FILTER(STRSTARTS(STR(?s), '" + Rekg.ID + "') && STRSTARTS(STR(?t), '"
                    + Rekg.NS + "')) }", r -> types.computeIfAbsent(r.getResource("s").getURI().substring(Rekg.ID.length()),
                            k -> new HashSet<>()).add(r.getResource("t").getURI().substring(Rekg.NS.length())));
            select(dataset, "SELECT DISTINCT ?a ?b { ?a ?p ?b FILTER(isIRI(?b) && STRSTARTS(STR(?a), '" + Rekg.ID
                    + "') && STRSTARTS(STR(?b), '" + Rekg.ID + "') && !STRSTARTS(STR(?a), '" + Rekg.ID + "claim/')"
                    + " && !STRSTARTS(STR(?a), '" + Rekg.ID + "candidate/')) }", r -> {
                        String a = r.getResource("a").getURI().substring(Rekg.ID.length());
                        String b = r.getResource("b").getURI().substring(Rekg.ID.length());
                        edges.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                        edges.computeIfAbsent(b, k -> new HashSet<>()).add(a);
                    });
        });
        if (names.isEmpty()) {
            throw new RekgException(ErrorCode.STORE, "the store has no labels to link to: run './rekg build' first");
        }
        names.addAll(aliases());
        return new Gazetteer(names, types, edges);
    }

    private static void select(Dataset ds, String query, java.util.function.Consumer<QuerySolution> row) {
        try (QueryExecution qe = QueryExecution.dataset(ds).query(query).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                row.accept(rs.next());
            }
        }
    }

    /** The curated aliases shipped with REKG ({@code aliases.tsv}). */
    public static List<Name> aliases() {
        List<Name> out = new ArrayList<>();
        try (InputStream in = Gazetteer.class.getResourceAsStream("aliases.tsv")) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length >= 3) {
                    out.add(new Name(f[2].strip(), f[0].strip(), f[1].strip(), Kind.ALIAS,
                            f.length > 3 && f[3].strip().equals("context")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read aliases.tsv", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
