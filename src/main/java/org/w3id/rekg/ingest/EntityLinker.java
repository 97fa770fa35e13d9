package org.w3id.rekg.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.w3id.rekg.ingest.Gazetteer.Entity;
import org.w3id.rekg.ingest.Gazetteer.Entry;

/**
 * Finds the gazetteer's names in a text and links each to one entity. Matching walks the token
 * trie from every token and keeps the longest name (left to right, no overlaps). A one-word name
 * must be written as its label is: an acronym in capitals ({@code US} is not {@code us}), a
 * capitalised name with a capital ({@code Réunion} is not {@code réunion}); longer names match
 * in any case. A contextual alias is kept only when the document also names one of its
 * entity's neighbours in the graph. When a name fits several entities, the one linked to the document's unambiguous
 * entities in the graph wins, then the one whose type the neighbouring words suggest
 * ({@code mine}, {@code usine}, {@code company}...), then labels before aliases and the
 * document's language. Names inside URLs are skipped.
 *
 * <pre>{@code
 * List<Mention> ms = new EntityLinker(gazetteer).link(text, "fr");
 * }</pre>
 */
public final class EntityLinker {
    private static final Set<String> SITE_CUES = Set.of("mine", "deposit", "plant", "refinery", "project", "site",
            "gisement", "usine", "raffinerie", "projet", "facility");
    private static final Set<String> FIRM_CUES = Set.of("company", "firm", "group", "corp", "inc", "ltd",
            "entreprise", "societe", "groupe", "producer", "producteur", "miner");
    private static final Set<String> PLACE_CUES = Set.of("town", "city", "ville", "region", "province", "state",
            "country", "pay", "near", "pre");

    private final Gazetteer gazetteer;

    public EntityLinker(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** A raw match before disambiguation: tokens [first, last], its candidate names. */
    record Match(int first, int last, List<Entry> entries) {}

    /** Only the matching step (the part the throughput benchmark times with tokenisation). */
    public List<Match> match(Tokens t) {
        List<Match> out = new ArrayList<>();
        Gazetteer.Node root = gazetteer.root();
        int n = t.size();
        int i = 0;
        while (i < n) {
            Gazetteer.Node node = root;
            int bestEnd = -1;
            List<Entry> best = null;
            for (int j = i; j < n && node.next != null; j++) {
                node = node.next.get(t.norm(j));
                if (node == null) {
                    break;
                }
                if (node.entries != null) {
                    List<Entry> ok = j == i ? casingOk(node.entries, t.casing(i)) : node.entries;
                    if (!ok.isEmpty()) {
                        bestEnd = j;
                        best = ok;
                    }
                }
            }
            if (best != null) {
                out.add(new Match(i, bestEnd, best));
                i = bestEnd + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static List<Entry> casingOk(List<Entry> entries, int casing) {
        List<Entry> ok = null;
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            boolean fits = switch (e.casing()) {
                case Tokens.ALL_CAPS -> casing == Tokens.ALL_CAPS;
                case Tokens.CAPITALISED -> casing != Tokens.LOWER;
                default -> true;
            };
            if (fits) {
                if (ok == null) {
                    ok = new ArrayList<>(entries.size());
                }
                ok.add(e);
            }
        }
        return ok == null ? List.of() : ok;
    }

    /** Finds and links the names of {@code text}, written in {@code lang} ("fr" or "en"). */
    public List<Mention> link(String text, String lang) {
        Tokens t = Tokens.of(text);
        List<Match> matches = match(t);
        Set<Integer> sure = new HashSet<>();
        for (Match m : matches) {
            int only = onlyEntity(m.entries());
            if (only >= 0 && !m.entries().get(0).contextual()) {
                sure.add(only);
            }
        }
        // contextual aliases stand only beside a graph neighbour of their entity
        List<Match> kept = new ArrayList<>(matches.size());
        for (Match m : matches) {
            List<Entry> ok = new ArrayList<>(m.entries().size());
            for (Entry e : m.entries()) {
                if (!e.contextual() || gazetteer.neighbours(e.entity()).stream().anyMatch(sure::contains)) {
                    ok.add(e);
                }
            }
            if (!ok.isEmpty()) {
                kept.add(ok.size() == m.entries().size() ? m : new Match(m.first(), m.last(), ok));
            }
        }
        matches = kept;
        matches.removeIf(m -> inUrl(text, t.begin(m.first()), t.end(m.last())));
        List<Mention> out = new ArrayList<>(matches.size());
        for (Match m : matches) {
            String prev = m.first() > 0 ? t.norm(m.first() - 1) : "";
            String next = m.last() + 1 < t.size() ? t.norm(m.last() + 1) : "";
            java.util.Map<Integer, Double> scores = new java.util.TreeMap<>();
            for (Entry e : m.entries()) {
                scores.merge(e.entity(), score(e, lang, prev, next, sure), Math::max);
            }
            int bestEntity = -1;
            double best = -1;
            double second = 0;
            for (var s : scores.entrySet()) {
                if (s.getValue() > best || s.getValue() == best
                        && gazetteer.entity(s.getKey()).id().compareTo(gazetteer.entity(bestEntity).id()) < 0) {
                    second = Math.max(second, best);
                    best = s.getValue();
                    bestEntity = s.getKey();
                } else {
                    second = Math.max(second, s.getValue());
                }
            }
            Set<Integer> seen = scores.keySet();
            Entity entity = gazetteer.entity(bestEntity);
            double base = Math.min(1.0, kindScore(bestKind(m.entries(), bestEntity, lang)));
            double confidence = seen.size() == 1 ? base : base * (0.5 + 0.5 * (best - second) / best);
            int b = t.begin(m.first());
            int e = t.end(m.last());
            out.add(new Mention(b, e, text.substring(b, e), entity.id(), entity.mainType(),
                    Math.round(confidence * 100) / 100.0));
        }
        return out;
    }

    /** Whether {@code [b, e)} lies in a URL or a file path: a run without spaces holding "://" or "www.". */
    static boolean inUrl(String text, int b, int e) {
        int from = b;
        while (from > 0 && b - from < 300 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        int to = e;
        while (to < text.length() && to - e < 300 && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        String chunk = text.substring(from, to);
        return chunk.contains("://") || chunk.contains("www.");
    }

    private static int onlyEntity(List<Entry> entries) {
        int id = entries.get(0).entity();
        for (Entry e : entries) {
            if (e.entity() != id) {
                return -1;
            }
        }
        return id;
    }

    private Gazetteer.Kind bestKind(List<Entry> entries, int entity, String lang) {
        Gazetteer.Kind k = Gazetteer.Kind.ALIAS;
        for (Entry e : entries) {
            if (e.entity() == entity && e.kind().compareTo(k) < 0) {
                k = e.kind();
            }
        }
        return k;
    }

    private static double kindScore(Gazetteer.Kind k) {
        return switch (k) {
            case LABEL -> 1.0;
            case ALT_LABEL -> 0.95;
            case VARIANT -> 0.9;
            case ALIAS -> 0.9;
        };
    }

    private double score(Entry e, String lang, String prev, String next, Set<Integer> sure) {
        Entity entity = gazetteer.entity(e.entity());
        double s = kindScore(e.kind()) + (e.lang().equals(lang) ? 0.05 : 0);
        for (int other : gazetteer.neighbours(e.entity())) {
            if (sure.contains(other)) {
                s += 0.5;
                break;
            }
        }
        if ((SITE_CUES.contains(prev) || SITE_CUES.contains(next)) && entity.is("Site")) {
            s += 0.4;
        }
        if ((FIRM_CUES.contains(prev) || FIRM_CUES.contains(next)) && entity.is("Firm")) {
            s += 0.4;
        }
        if ((PLACE_CUES.contains(prev) || PLACE_CUES.contains(next)) && entity.is("Place") && !entity.is("Site")) {
            s += 0.4;
        }
        if (entity.is("State")) {
            s += 0.05;
        } else if (entity.is("Place") || entity.is("Organization")) {
            s += 0.02;
        }
        return s;
    }
}
