package org.w3id.rekg.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Looks up Wikidata items for REKG's states, elements and firms in a SPARQL endpoint shaped like
 * Wikidata ({@code wdt:P31} instance of, {@code wdt:P17} country, {@code wdt:P297/P298/P299} ISO
 * 3166-1 codes, {@code wdt:P1086} atomic number, {@code wdt:P1278} LEI, {@code rdfs:label} in
 * English and French), scores each candidate and writes the link set
 * {@code graph/linkset/wikidata}.
 *
 * <ul>
 * <li>States by ISO code ({@code owl:sameAs}, 1.0; the alpha-3 and numeric codes must agree when
 *     the item has them, else the candidate drops to 0.5); elements by atomic number
 *     ({@code owl:sameAs}, 1.0); firms by LEI when they have a valid one ({@code owl:sameAs},
 *     1.0), else by exact English or French label, scored with the item's type (P31) and country
 *     (P17): written as {@code skos:exactMatch} from 0.9, {@code skos:closeMatch} from 0.75,
 *     not at all below; two candidates within 0.1 of each other are ambiguous and neither is
 *     written.</li>
 * <li>An entity with a link made by hand to Wikidata is not looked up, and the hand link stays.</li>
 * <li>Work goes in batches; after each, the candidates are saved in a checkpoint file, so a run
 *     stopped by a failing endpoint can go on with {@code resume}. The store is written once, at
 *     the end, in one transaction: a failed run leaves it as it was.</li>
 * </ul>
 */
public final class WikidataLinker {
    public static final String WDT = "http://www.wikidata.org/prop/direct/";
    static final String LINK_SET = "wikidata";
    static final double EXACT = 0.9;
    static final double CLOSE = 0.75;
    static final double AMBIGUITY_MARGIN = 0.1;
    private static final Pattern FIRM_TYPE = Pattern.compile("(?i).*\\b(company|business|enterprise|corporation|firm|manufacturer|conglomerate|société|entreprise)\\b.*");

    /** How to run. */
    public record Options(String endpoint, Duration timeout, Path checkpoint, boolean resume, int batchSize, Clock clock) {
        public Options {
            if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
                throw new RekgException(ErrorCode.USAGE, "--endpoint must be an http(s) URL of a SPARQL endpoint, got '" + endpoint + "'");
            }
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new RekgException(ErrorCode.USAGE, "the timeout must be positive");
            }
            if (batchSize < 1) {
                throw new RekgException(ErrorCode.USAGE, "the batch size must be at least 1");
            }
        }
    }

    /** A candidate item for an entity, scored. */
    public record Candidate(String entity, String item, String predicate, String method, double score, String evidence) {}

    /** What the run did. */
    public record Result(List<Link> links, int keptByHand, List<String> ambiguous, List<String> warnings,
                         int batches, int batchesFromCheckpoint) {}

    /** One entity to look up. */
    record Entity(String kind, String iri, Map<String, String> keys, List<String> labelsEn, List<String> labelsFr, String countryQid) {}

    private final Dataset dataset;
    private final Options options;
    private IntConsumer afterBatch = i -> { };
    private final List<String> warnings = new ArrayList<>();

    public WikidataLinker(Dataset dataset, Options options) {
        this.dataset = dataset;
        this.options = options;
    }

    /** Called with the number of batches done after each batch is saved (for tests and progress). */
    public WikidataLinker afterBatch(IntConsumer listener) {
        this.afterBatch = listener;
        return this;
    }

    public Result run() {
        Set<Node> byHand = LinkStore.handLinkedSubjects(dataset, Identifiers.WIKIDATA_ENTITY);
        List<Entity> entities = entities().stream().filter(e -> !byHand.contains(NodeFactory.createURI(e.iri()))).toList();
        Map<String, List<Entity>> batches = batches(entities);
        String plan = Link.hash(batches.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().stream().map(Entity::iri).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";")));
        Checkpoint cp = checkpoint(plan);
        int fromCheckpoint = cp.done.size();
        int i = 0;
        for (Map.Entry<String, List<Entity>> b : batches.entrySet()) {
            i++;
            if (cp.done.containsKey(b.getKey())) {
                continue;
            }
            List<Candidate> found;
            try {
                found = lookUp(b.getValue());
            } catch (RuntimeException e) {
                throw endpointError(e, cp.done.size(), batches.size());
            }
            cp.done.put(b.getKey(), found);
            save(cp);
            afterBatch.accept(cp.done.size());
        }
        List<Candidate> all = cp.done.values().stream().flatMap(List::stream).toList();
        List<String> ambiguous = new ArrayList<>();
        List<Link> links = decide(all, ambiguous);
        LinkSet set = new LinkSet(LINK_SET, "REKG states, elements and firms to Wikidata items, found by rekg link",
                "wikidata", Identifiers.WIKIDATA_ENTITY, "Wikidata", options.endpoint());
        List<Link> keptHand = LinkStore.handLinks(dataset, LinkSet.graphName(LINK_SET));
        set.addAll(keptHand);
        set.addAll(links);
        LinkStore.replace(dataset, List.of(set), Instant.parse(cp.started));
        try {
            Files.deleteIfExists(options.checkpoint());
        } catch (IOException e) {
            warnings.add("could not delete the checkpoint " + options.checkpoint() + ": " + e.getMessage());
        }
        return new Result(links, byHand.size(), ambiguous, warnings, batches.size(), fromCheckpoint);
    }

    // ------------------------------------------------------------------ our entities

    List<Entity> entities() {
        String q = """
                PREFIX rekg: <%1$s>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?kind ?s ?a2 ?a3 ?num ?n ?lei ?label ?natWd WHERE {
                  { BIND("state" AS ?kind) ?s rekg:iso3166Alpha2 ?a2 .
                    OPTIONAL { ?s rekg:iso3166Alpha3 ?a3 } OPTIONAL { ?s rekg:iso3166Numeric ?num } }
                  UNION { BIND("element" AS ?kind) ?s rekg:atomicNumber ?n }
                  UNION { BIND("firm" AS ?kind) ?s a ?c . ?c rdfs:subClassOf* rekg:Firm .
                          OPTIONAL { ?s rekg:lei ?lei } OPTIONAL { ?s rekg:nationality/rekg:wikidataId ?natWd }
                          OPTIONAL { ?s rdfs:label ?label FILTER(lang(?label) IN ("en", "fr")) } }
                }""".formatted(Rekg.NS);
        Map<String, Entity> byIri = new TreeMap<>();
        Txn.executeRead(dataset, () -> {
            try (QueryExecution qe = QueryExecution.dataset(dataset).query(q).build()) {
                qe.execSelect().forEachRemaining(r -> {
                    String iri = r.getResource("s").getURI();
                    String kind = r.getLiteral("kind").getString();
                    Entity e = byIri.computeIfAbsent(kind + " " + iri, k -> new Entity(kind, iri, new TreeMap<>(), new ArrayList<>(), new ArrayList<>(),
                            r.contains("natWd") ? r.getLiteral("natWd").getString() : null));
                    for (String v : List.of("a2", "a3", "num", "n", "lei")) {
                        if (r.contains(v)) {
                            e.keys().put(v, r.getLiteral(v).getLexicalForm());
                        }
                    }
                    if (r.contains("label")) {
                        var l = r.getLiteral("label");
                        List<String> list = l.getLanguage().equals("fr") ? e.labelsFr() : e.labelsEn();
                        if (!list.contains(l.getString())) {
                            list.add(l.getString());
                        }
                    }
                });
            }
        });
        List<Entity> out = new ArrayList<>(byIri.values());
        for (Entity e : out) {
            String lei = e.keys().get("lei");
            if (lei != null && !Identifiers.isLei(lei)) {
                warnings.add(e.iri() + ": LEI '" + lei + "' fails the ISO 17442 check digits; looked up by label instead");
                e.keys().remove("lei");
            }
        }
        return out;
    }

    private Map<String, List<Entity>> batches(List<Entity> entities) {
        Map<String, List<Entity>> out = new LinkedHashMap<>();
        for (String kind : List.of("state", "element", "firm")) {
            List<Entity> of = entities.stream().filter(e -> e.kind().equals(kind)).toList();
            for (int i = 0; i < of.size(); i += options.batchSize()) {
                out.put(kind + "-" + (i / options.batchSize()), of.subList(i, Math.min(of.size(), i + options.batchSize())));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the endpoint

    private List<Candidate> lookUp(List<Entity> batch) {
        return switch (batch.get(0).kind()) {
            case "state" -> states(batch);
            case "element" -> elements(batch);
            default -> firms(batch);
        };
    }

    private List<Candidate> states(List<Entity> batch) {
        Map<String, Entity> byCode = new LinkedHashMap<>();
        batch.forEach(e -> byCode.put(e.keys().get("a2"), e));
        String values = byCode.keySet().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(" "));
        String q = """
                PREFIX wdt: <%s>
                SELECT ?item ?a2 ?a3 ?num WHERE {
                  VALUES ?a2 { %s }
                  ?item wdt:P297 ?a2 .
                  OPTIONAL { ?item wdt:P298 ?a3 } OPTIONAL { ?item wdt:P299 ?num }
                }""".formatted(WDT, values);
        List<Candidate> out = new ArrayList<>();
        Map<String, List<QuerySolution>> byItem = new LinkedHashMap<>();
        for (QuerySolution r : select(q)) {
            byItem.computeIfAbsent(r.getResource("item").getURI() + " " + r.getLiteral("a2").getString(), k -> new ArrayList<>()).add(r);
        }
        for (List<QuerySolution> rows : byItem.values()) {
            QuerySolution r = rows.get(0);
            String item = r.getResource("item").getURI();
            if (Identifiers.qidOf(item) == null) {
                continue;
            }
            Entity e = byCode.get(r.getLiteral("a2").getString());
            Set<String> a3 = rows.stream().filter(x -> x.contains("a3")).map(x -> x.getLiteral("a3").getString()).collect(Collectors.toSet());
            Set<String> num = rows.stream().filter(x -> x.contains("num")).map(x -> x.getLiteral("num").getString()).collect(Collectors.toSet());
            StringBuilder ev = new StringBuilder("P297 = " + e.keys().get("a2"));
            boolean conflict = false;
            if (!a3.isEmpty() && e.keys().containsKey("a3")) {
                boolean ok = a3.contains(e.keys().get("a3"));
                conflict |= !ok;
                ev.append(ok ? ", P298 = " + e.keys().get("a3") : ", P298 " + a3 + " ≠ " + e.keys().get("a3"));
            }
            if (!num.isEmpty() && e.keys().containsKey("num")) {
                boolean ok = num.contains(e.keys().get("num"));
                conflict |= !ok;
                ev.append(ok ? ", P299 = " + e.keys().get("num") : ", P299 " + num + " ≠ " + e.keys().get("num"));
            }
            out.add(new Candidate(e.iri(), item, conflict ? "closeMatch" : "sameAs", Link.Method.IDENTIFIER_MATCH.slug(),
                    conflict ? 0.5 : 1.0, ev.toString()));
        }
        return out;
    }

    private List<Candidate> elements(List<Entity> batch) {
        Map<BigDecimal, Entity> byNumber = new LinkedHashMap<>();
        batch.forEach(e -> byNumber.put(new BigDecimal(e.keys().get("n")), e));
        String values = byNumber.keySet().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
        String q = """
                PREFIX wdt: <%s>
                SELECT ?item ?n WHERE { ?item wdt:P1086 ?n . FILTER(?n IN (%s)) }""".formatted(WDT, values);
        List<Candidate> out = new ArrayList<>();
        for (QuerySolution r : select(q)) {
            String item = r.getResource("item").getURI();
            BigDecimal n;
            try {
                n = new BigDecimal(r.getLiteral("n").getLexicalForm().replace("+", ""));
            } catch (NumberFormatException ex) {
                continue;
            }
            Entity e = byNumber.entrySet().stream().filter(x -> x.getKey().compareTo(n) == 0).map(Map.Entry::getValue).findFirst().orElse(null);
            if (e != null && Identifiers.qidOf(item) != null) {
                out.add(new Candidate(e.iri(), item, "sameAs", Link.Method.IDENTIFIER_MATCH.slug(), 1.0, "P1086 = " + n.toPlainString()));
            }
        }
        return out;
    }

    private List<Candidate> firms(List<Entity> batch) {
        List<Candidate> out = new ArrayList<>();
        Map<String, Entity> byLei = new LinkedHashMap<>();
        batch.stream().filter(e -> e.keys().containsKey("lei")).forEach(e -> byLei.put(e.keys().get("lei"), e));
        if (!byLei.isEmpty()) {
            String q = """
                    PREFIX wdt: <%s>
                    SELECT ?item ?lei WHERE { VALUES ?lei { %s } ?item wdt:P1278 ?lei }""".formatted(WDT,
                    byLei.keySet().stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(" ")));
            for (QuerySolution r : select(q)) {
                Entity e = byLei.get(r.getLiteral("lei").getString());
                String item = r.getResource("item").getURI();
                if (e != null && Identifiers.qidOf(item) != null) {
                    out.add(new Candidate(e.iri(), item, "sameAs", Link.Method.IDENTIFIER_MATCH.slug(), 1.0, "P1278 = " + e.keys().get("lei")));
                }
            }
        }
        Set<String> foundByLei = out.stream().map(Candidate::entity).collect(Collectors.toSet());
        Map<String, List<Entity>> byLabel = new LinkedHashMap<>();
        StringBuilder values = new StringBuilder();
        for (Entity e : batch) {
            if (foundByLei.contains(e.iri())) {
                continue;
            }
            for (String l : e.labelsEn()) {
                byLabel.computeIfAbsent(l + "@en", k -> new ArrayList<>()).add(e);
            }
            for (String l : e.labelsFr()) {
                byLabel.computeIfAbsent(l + "@fr", k -> new ArrayList<>()).add(e);
            }
        }
        if (byLabel.isEmpty()) {
            return out;
        }
        for (String key : byLabel.keySet()) {
            int at = key.lastIndexOf('@');
            values.append(' ').append(NodeFactory.createLiteralLang(key.substring(0, at), key.substring(at + 1)).toString());
        }
        String q = """
                PREFIX wdt: <%s>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                SELECT ?item ?label ?type ?typeLabel ?country WHERE {
                  VALUES ?label { %s }
                  ?item rdfs:label ?label .
                  OPTIONAL { ?item wdt:P31 ?type OPTIONAL { ?type rdfs:label ?typeLabel FILTER(lang(?typeLabel) = "en") } }
                  OPTIONAL { ?item wdt:P17 ?country }
                }""".formatted(WDT, values);
        Map<String, List<QuerySolution>> rowsByPair = new LinkedHashMap<>();
        for (QuerySolution r : select(q)) {
            var l = r.getLiteral("label");
            for (Entity e : byLabel.getOrDefault(l.getString() + "@" + l.getLanguage(), List.of())) {
                rowsByPair.computeIfAbsent(e.iri() + "\t" + r.getResource("item").getURI(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Entity> byIri = batch.stream().collect(Collectors.toMap(Entity::iri, e -> e, (a, b) -> a));
        rowsByPair.forEach((pair, rows) -> {
            String[] p = pair.split("\t");
            if (Identifiers.qidOf(p[1]) == null) {
                return;
            }
            Entity e = byIri.get(p[0]);
            double score = 0.6;
            StringBuilder ev = new StringBuilder("label");
            Set<String> langs = rows.stream().map(r -> r.getLiteral("label").getLanguage()).collect(Collectors.toSet());
            ev.append(' ').append(langs.stream().sorted().collect(Collectors.joining("+"))).append(" = '")
                    .append(rows.get(0).getLiteral("label").getString()).append('\'');
            if (langs.size() > 1) {
                score += 0.05;
            }
            Set<String> types = rows.stream().filter(r -> r.contains("typeLabel")).map(r -> r.getLiteral("typeLabel").getString()).collect(Collectors.toSet());
            boolean anyType = rows.stream().anyMatch(r -> r.contains("type"));
            if (types.stream().anyMatch(t -> FIRM_TYPE.matcher(t).matches())) {
                score += 0.2;
                ev.append(", P31 ").append(types.stream().filter(t -> FIRM_TYPE.matcher(t).matches()).sorted().findFirst().orElse(""));
            } else if (anyType) {
                score -= 0.3;
                ev.append(", P31 not a business (").append(types.stream().sorted().collect(Collectors.joining(", "))).append(')');
            }
            Set<String> countries = rows.stream().filter(r -> r.contains("country")).map(r -> Identifiers.qidOf(r.getResource("country").getURI()))
                    .collect(Collectors.toSet());
            if (e.countryQid() != null && !countries.isEmpty()) {
                if (countries.contains(e.countryQid())) {
                    score += 0.2;
                    ev.append(", P17 = ").append(e.countryQid());
                } else {
                    score -= 0.3;
                    ev.append(", P17 ").append(countries.stream().sorted().toList()).append(" ≠ ").append(e.countryQid());
                }
            }
            score = Math.max(0, Math.min(0.95, score));
            out.add(new Candidate(e.iri(), p[1], score >= EXACT ? "exactMatch" : "closeMatch", Link.Method.LABEL_MATCH.slug(),
                    Math.round(score * 100) / 100.0, ev.toString()));
        });
        return out;
    }

    private List<QuerySolution> select(String query) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(options.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        try (QueryExecution qe = QueryExecutionHTTP.create().endpoint(options.endpoint()).query(query).httpClient(client)
                .httpHeader("User-Agent", "rekg/0.1 (https://w3id.org/rekg; rekg link)")
                .timeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS).build()) {
            ResultSet rs = qe.execSelect();
            List<QuerySolution> out = new ArrayList<>();
            rs.forEachRemaining(out::add);
            return out;
        }
    }

    private RekgException endpointError(RuntimeException e, int done, int total) {
        String why;
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof ConnectException) && !(t instanceof HttpTimeoutException)) {
            t = t.getCause();
        }
        if (t instanceof HttpTimeoutException || e.getClass().getSimpleName().contains("Timeout")
                || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")) {
            why = "did not answer within " + options.timeout().toMillis() + " ms";
        } else if (t instanceof ConnectException) {
            why = "cannot be reached (connection refused: is it down?)";
        } else if (e instanceof QueryExceptionHTTP h && h.getStatusCode() > 0) {
            why = "answered HTTP " + h.getStatusCode() + (h.getResponseMessage() != null ? " " + h.getResponseMessage() : "");
        } else {
            why = "failed: " + e.getMessage();
        }
        return new RekgException(ErrorCode.ENDPOINT, "the SPARQL endpoint " + options.endpoint() + " " + why
                + ". Nothing was written to the store; " + done + " of " + total + " batches are saved in "
                + options.checkpoint() + ": run again with --resume to go on from there.", e);
    }

    // ------------------------------------------------------------------ choosing links

    private static List<Link> decide(List<Candidate> all, List<String> ambiguous) {
        Map<String, List<Candidate>> byEntity = all.stream().collect(Collectors.groupingBy(Candidate::entity, TreeMap::new, Collectors.toList()));
        List<Link> links = new ArrayList<>();
        byEntity.forEach((entity, cands) -> {
            List<Candidate> ok = cands.stream().filter(c -> c.score() >= CLOSE)
                    .sorted(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::item)).toList();
            if (ok.isEmpty()) {
                return;
            }
            Candidate best = ok.get(0);
            if (ok.size() > 1 && best.score() - ok.get(1).score() < AMBIGUITY_MARGIN - 1e-9) {
                ambiguous.add(entity + ": " + ok.stream().filter(c -> best.score() - c.score() < AMBIGUITY_MARGIN - 1e-9)
                        .map(c -> Identifiers.qidOf(c.item()) + " (" + c.score() + ", " + c.evidence() + ")").collect(Collectors.joining("; ")));
                return;
            }
            Node p = switch (best.predicate()) {
                case "sameAs" -> Link.SAME_AS;
                case "exactMatch" -> Link.EXACT_MATCH;
                default -> Link.CLOSE_MATCH;
            };
            links.add(Link.of(NodeFactory.createURI(entity), p, best.item(), Link.Method.ofSlug(best.method()), best.score(), best.evidence()));
        });
        return links;
    }

    // ------------------------------------------------------------------ checkpoint

    /** What is saved between batches. */
    public static final class Checkpoint {
        public String endpoint;
        public String plan;
        public String started;
        public Map<String, List<Candidate>> done = new LinkedHashMap<>();
    }

    private Checkpoint checkpoint(String plan) {
        Path f = options.checkpoint();
        if (options.resume() && Files.isRegularFile(f)) {
            Checkpoint cp;
            try {
                cp = new ObjectMapper().readValue(f.toFile(), Checkpoint.class);
            } catch (IOException e) {
                throw new RekgException(ErrorCode.USAGE, "cannot read the checkpoint " + f + " (" + e.getMessage() + "): delete it and run without --resume", e);
            }
            if (!options.endpoint().equals(cp.endpoint)) {
                throw new RekgException(ErrorCode.USAGE, "the checkpoint " + f + " is of a run against " + cp.endpoint
                        + ", not " + options.endpoint() + ": give that endpoint, or run without --resume to start over");
            }
            if (!plan.equals(cp.plan)) {
                throw new RekgException(ErrorCode.USAGE, "the store changed since the checkpoint " + f + " was made: run without --resume to start over");
            }
            return cp;
        }
        Checkpoint cp = new Checkpoint();
        cp.endpoint = options.endpoint();
        cp.plan = plan;
        cp.started = options.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return cp;
    }

    private void save(Checkpoint cp) {
        Path f = options.checkpoint().toAbsolutePath();
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), cp);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot write the checkpoint " + f + ": " + e.getMessage(), e);
        }
    }
}
