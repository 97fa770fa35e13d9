package org.w3id.rekg.bench;

import org.w3id.rekg.ingest.Candidate;
import org.w3id.rekg.ingest.EntityLinker;
import org.w3id.rekg.ingest.IngestService;
import org.w3id.rekg.ingest.Mention;
import org.w3id.rekg.ingest.RecordMatcher;
import org.w3id.rekg.ingest.ReviewService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * Measures ingestion against an annotated test set — a folder of {@code NAME.txt} documents, each
 * with a {@code NAME.gold.tsv} of gold mentions ({@code M begin end entity surface}) and gold
 * claims ({@code C pattern prop=v1,v2 ...}, core properties only, see {@link Candidate#CORE}) —
 * and times mention detection against a naive one-regex-per-name baseline on the same text.
 * A mention is correct when its span and entity are both right; a claim when its pattern and
 * core property values are.
 */
public final class IngestBench {
    /** One annotated document. */
    public record GoldDoc(String name, String text, String lang, List<String> mentions, List<String> claims) {}

    /** Counts and the mistakes behind them. */
    public record Score(int tp, int fp, int fn, List<String> falsePositives, List<String> falseNegatives) {
        public double precision() {
            return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Quality on the test set. */
    public record Quality(int documents, Score mentions, Score claims) {}

    /** Throughput of mention detection, MB of UTF-8 text per second on one thread. */
    public record Throughput(double megabytes, double trieMbPerSecond, double naiveMbPerSecond, int names, int naiveRegexes,
            double naiveMegabytes) {}

    private final IngestService service;

    public IngestBench(IngestService service) {
        this.service = service;
    }

    /** Reads every {@code *.txt} of {@code dir} that has a {@code .gold.tsv} beside it. */
    public static List<GoldDoc> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RekgException(ErrorCode.USAGE, "no test set folder " + dir);
        }
        List<GoldDoc> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path txt : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = txt.getFileName().toString().replaceAll("\\.txt$", "");
                Path gold = dir.resolve(name + ".gold.tsv");
                if (!Files.isRegularFile(gold)) {
                    continue;
                }
                String text = Files.readString(txt, StandardCharsets.UTF_8);
                String lang = null;
                List<String> mentions = new ArrayList<>();
                List<String> claims = new ArrayList<>();
                int lineNo = 0;
                for (String line : Files.readAllLines(gold, StandardCharsets.UTF_8)) {
                    lineNo++;
                    String[] f = line.split("\t");
                    if (line.startsWith("# lang")) {
                        lang = f[1].strip();
                    } else if (f[0].equals("M")) {
                        int b = Integer.parseInt(f[1]);
                        int e = Integer.parseInt(f[2]);
                        if (f.length > 4 && !text.substring(b, e).equals(f[4])) {
                            throw new RekgException(ErrorCode.USAGE, gold + " line " + lineNo + ": chars " + b + "-" + e
                                    + " are '" + text.substring(b, e) + "', not '" + f[4] + "'");
                        }
                        mentions.add(b + "-" + e + " " + f[3]);
                    } else if (f[0].equals("C")) {
                        claims.add(signature(f));
                    }
                }
                out.add(new GoldDoc(name, text, lang, mentions, claims));
            }
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read the test set " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The canonical signature of a gold claim line, as {@link Candidate#signature()} writes it. */
    static String signature(String[] f) {
        String pattern = f[1];
        TreeMap<String, String> values = new TreeMap<>();
        for (int i = 2; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            String prop = f[i].substring(0, eq);
            values.put(prop, String.join(",", Stream.of(f[i].substring(eq + 1).split(","))
                    .map(v -> Candidate.norm(prop, v.strip())).sorted().toList()));
        }
        StringBuilder sb = new StringBuilder(pattern);
        for (String p : Candidate.CORE.getOrDefault(pattern, List.of())) {
            sb.append(' ').append(p).append('=').append(values.getOrDefault(p, ""));
        }
        return sb.toString();
    }

    /** How many of a source's curated records the candidates of its text propose. */
    public record Coverage(int records, int proposed, int candidates) {}

    /**
     * Re-ingests the text of a curated source and counts its records (claims of its graph) that a
     * candidate proposes: same kind and participants (see {@link RecordMatcher}), or, for a
     * candidate about an existing subject, the same values on it.
     */
    public Coverage seedCoverage(org.apache.jena.query.Dataset ds, String text, String lang, String sourceId) {
        IngestService.Analysis a = service.analyse(text, lang);
        org.apache.jena.sparql.core.DatasetGraph dsg = ds.asDatasetGraph();
        org.apache.jena.graph.Node graph = org.w3id.rekg.vocab.Rekg.graph(sourceId);
        return org.apache.jena.system.Txn.calculateRead(dsg, () -> {
            org.apache.jena.graph.Graph g = dsg.getGraph(graph);
            org.apache.jena.graph.Node about = org.w3id.rekg.vocab.Rekg.term("about");
            List<org.apache.jena.graph.Triple> claims = g.find(org.apache.jena.graph.Node.ANY, about, org.apache.jena.graph.Node.ANY).toList();
            RecordMatcher m = new RecordMatcher(dsg, graph);
            Set<org.apache.jena.graph.Node> hit = new HashSet<>();
            for (Candidate c : a.candidates()) {
                hit.addAll(m.all(new ReviewService.Item("x-1", "x", c.pattern(), c.cls(), c.subject(), c.values(), c.labelEn(),
                        c.labelFr(), c.sentence(), c.begin(), c.end(), c.confidence(), "", "pending")));
            }
            int proposed = (int) claims.stream().filter(t -> hit.contains(t.getObject())).count();
            return new Coverage(claims.size(), proposed, a.candidates().size());
        });
    }

    /** Scores of each document alone, in order. */
    public List<Quality> perDocument(List<GoldDoc> docs) {
        return docs.stream().map(d -> quality(List.of(d))).toList();
    }

    /** Mention and claim scores over the test set. */
    public Quality quality(List<GoldDoc> docs) {
        int[] m = new int[3];
        int[] c = new int[3];
        List<String> mfp = new ArrayList<>();
        List<String> mfn = new ArrayList<>();
        List<String> cfp = new ArrayList<>();
        List<String> cfn = new ArrayList<>();
        for (GoldDoc d : docs) {
            IngestService.Analysis a = service.analyse(d.text(), d.lang());
            Set<String> found = new LinkedHashSet<>();
            a.mentions().forEach(x -> found.add(x.begin() + "-" + x.end() + " " + x.entity()));
            compare(d.name(), new LinkedHashSet<>(d.mentions()), found, m, mfp, mfn, d.text());
            Set<String> claims = new LinkedHashSet<>();
            a.candidates().forEach(x -> claims.add(x.signature()));
            compare(d.name(), new LinkedHashSet<>(d.claims()), claims, c, cfp, cfn, null);
        }
        return new Quality(docs.size(), new Score(m[0], m[1], m[2], mfp, mfn), new Score(c[0], c[1], c[2], cfp, cfn));
    }

    private static void compare(String doc, Set<String> gold, Set<String> found, int[] counts, List<String> fp, List<String> fn, String text) {
        for (String f : found) {
            if (gold.contains(f)) {
                counts[0]++;
            } else {
                counts[1]++;
                fp.add(doc + ": " + f + surface(f, text));
            }
        }
        for (String g : gold) {
            if (!found.contains(g)) {
                counts[2]++;
                fn.add(doc + ": " + g + surface(g, text));
            }
        }
    }

    private static String surface(String mention, String text) {
        if (text == null) {
            return "";
        }
        String[] be = mention.substring(0, mention.indexOf(' ')).split("-");
        return " '" + text.substring(Integer.parseInt(be[0]), Integer.parseInt(be[1])) + "'";
    }

    /**
     * Times mention detection (tokenising, trie matching, disambiguation) over {@code corpus}
     * repeated to about {@code megabytes}, and the naive baseline (one case-insensitive regex per
     * distinct name, each run over the text) over a slice of it.
     */
    public Throughput throughput(String corpus, double megabytes, double naiveMegabytes) {
        EntityLinker linker = new EntityLinker(service.gazetteer());
        String big = repeat(corpus, megabytes);
        double mb = big.getBytes(StandardCharsets.UTF_8).length / 1e6;
        linker.link(big.substring(0, Math.min(big.length(), 500_000)), "en"); // warm-up
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            int n = linker.link(big, "en").size();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            if (n < 0) {
                throw new IllegalStateException();
            }
        }
        Set<String> names = new HashSet<>(service.gazetteer().allNames());
        List<Pattern> regexes = new ArrayList<>();
        for (String name : names) {
            regexes.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        String slice = repeat(corpus, naiveMegabytes);
        double sliceMb = slice.getBytes(StandardCharsets.UTF_8).length / 1e6;
        long t0 = System.nanoTime();
        long hits = 0;
        for (Pattern p : regexes) {
            var m = p.matcher(slice);
            while (m.find()) {
                hits++;
            }
        }
        double naive = (System.nanoTime() - t0) / 1e9;
        if (hits < 0) {
            throw new IllegalStateException();
        }
        return new Throughput(mb, mb / best, sliceMb / naive, service.gazetteer().size(), regexes.size(), sliceMb);
    }

    static String repeat(String corpus, double megabytes) {
        if (corpus.isEmpty()) {
            throw new RekgException(ErrorCode.USAGE, "no text to time");
        }
        long target = (long) (megabytes * 1e6);
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, target + corpus.length()));
        while (sb.length() < target) {
            sb.append(corpus).append("\n\n");
        }
        return sb.substring(0, (int) Math.min(sb.length(), target));
    }
}
