package org.w3id.rekg.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds candidate claims sentence by sentence, from the linked mentions and a few trigger words,
 * for five relations the ontology models:
 * <ul>
 * <li>{@code export-restriction}: a state and a material with an export word and a restriction
 *     word ("restricts exports", "licences d'exportation") → ExportRestriction, ExportBan or
 *     ExportLicenceRequirement {@code imposedBy} the state nearest before the trigger, {@code material};</li>
 * <li>{@code agreement}: an agreement word, two or more states or organisations and a date →
 *     Partnership, BilateralAgreement or MultilateralAgreement with {@code party} and {@code signedOn};</li>
 * <li>{@code stake}: a holding word, a percentage, an actor before it and a firm or site after it →
 *     Stake {@code holder}, {@code target}, {@code share};</li>
 * <li>{@code site-place}: a site followed closely by a place with a locative word ("in", "à") →
 *     {@code locatedIn} on the site;</li>
 * <li>{@code target}: a goal word, a percentage and a year → QuantifiedTarget {@code targetShare},
 *     {@code targetYear}, {@code imposedBy} the first actor.</li>
 * </ul>
 */
public final class ClaimExtractor {
    private static final Pattern EXPORT = Pattern.compile("\\bexport");
    private static final Pattern RESTRICT = Pattern.compile(
            "\\b(restrict|restrei|ban|interdi|curb|control|licen[cs]|quota|halt|suspend|limit|embargo|autorisation)");
    private static final Pattern AGREEMENT = Pattern.compile(
            "\\b(agreement|accord|partnership|partenariat|memorandum|protocole|pact|framework|deal)");
    private static final Pattern PARTNERSHIP = Pattern.compile("\\b(partnership|partenariat)");
    private static final Pattern STAKE = Pattern.compile(
            "\\b(stake|shareholding|equity|participation|holds|hold|owns|own|detient|detenir|possede|acquired|acquire|actionnaire|shareholder|capital)");
    private static final Pattern GOAL = Pattern.compile("\\b(target|goal|aim|objective|objectif|cible|ambition|vise|viser|aims)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:[.,]\\d+)?)\\s*(?:%|per ?cent\\b|pour ?cent\\b)");
    private static final Pattern YEAR = Pattern.compile("\\b(19[5-9]\\d|20[0-9]\\d)\\b");
    private static final Pattern LOCATIVE = Pattern.compile("^[\\s,]*(?:\\(|(?:which is |qui est |is |est )?(?:located |situee? |based |basee? )?"
            + "(?:in|at|near|a|en|au|aux|dans|pres de|pres d|outside|close to)\\b)");
    private static final Map<String, Integer> MONTHS = new LinkedHashMap<>();

    static {
        String[] en = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
        String[] fr = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"};
        for (int i = 0; i < 12; i++) {
            MONTHS.put(en[i], i + 1);
            MONTHS.put(fr[i], i + 1);
        }
    }

    private static final Pattern DATE = Pattern.compile("\\b(?:(\\d{1,2})(?:er|st|nd|rd|th)? )?(" + String.join("|", MONTHS.keySet())
            + ")(?: (\\d{1,2})(?:st|nd|rd|th)?,?)? (\\d{4})\\b");

    private final Gazetteer gazetteer;

    public ClaimExtractor(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Candidates of a text, given its linked mentions and sentences. */
    public List<Candidate> extract(String text, String lang, List<Mention> mentions, List<Sentences.Span> sentences) {
        List<Candidate> out = new ArrayList<>();
        int k = 0;
        for (Sentences.Span s : sentences) {
            List<Mention> in = new ArrayList<>();
            while (k < mentions.size() && mentions.get(k).begin() < s.end()) {
                if (mentions.get(k).begin() >= s.begin()) {
                    in.add(mentions.get(k));
                }
                k++;
            }
            if (in.isEmpty()) {
                continue;
            }
            String low = fold(text.substring(s.begin(), s.end()));
            exportRestriction(low, s, in, out);
            agreement(low, s, in, out);
            stake(low, s, in, out);
            sitePlace(low, s, in, out);
            target(low, s, in, out);
        }
        return out;
    }

    /** Lower case without accents, same length as the input (one char for one char). */
    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                c = d.isEmpty() ? c : d.charAt(0);
            }
            if (c == '\u2019') {
                c = '\'';
            }
            if (c == '\u00A0' || c == '\u202F') {
                c = ' ';
            }
            out[i] = Character.toLowerCase(c);
        }
        return new String(out);
    }

    private boolean is(Mention m, String type) {
        return gazetteer.entity(m.entity()).is(type);
    }

    private List<Mention> where(List<Mention> ms, Predicate<Mention> p) {
        return ms.stream().filter(p).toList();
    }

    private static double conf(double base, List<Mention> used) {
        double c = base;
        for (Mention m : used) {
            c *= Math.max(0.5, m.confidence());
        }
        return Math.round(c * 100) / 100.0;
    }

    private void exportRestriction(String low, Sentences.Span s, List<Mention> in, List<Candidate> out) {
        Matcher ex = EXPORT.matcher(low);
        Matcher re = RESTRICT.matcher(low);
        if (!ex.find() || !re.find()) {
            return;
        }
        int trigger = Math.min(ex.start(), re.start()) + s.begin();
        List<Mention> states = where(in, m -> is(m, "State"));
        List<Mention> materials = where(in, m -> is(m, "Material"));
        if (states.isEmpty() || materials.isEmpty()) {
            return;
        }
        Mention state = null;
        for (Mention m : states) {
            if (m.begin() < trigger) {
                state = m;
            }
        }
        if (state == null) {
            state = states.get(0);
        }
        String cls = low.matches("(?s).*\\b(ban|interdi|embargo).*") ? "ExportBan"
                : low.matches("(?s).*\\b(licen[cs]|autorisation).*") ? "ExportLicenceRequirement" : "ExportRestriction";
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("imposedBy", List.of(state.entity()));
        v.put("material", ids(materials));
        String mats = labels(materials, "en");
        String matsFr = labels(materials, "fr");
        List<Mention> used = new ArrayList<>(materials);
        used.add(state);
        out.add(new Candidate("export-restriction", cls, null, v,
                label(state, "en") + " export restriction on " + mats,
                "restriction à l'exportation de " + matsFr + " (" + label(state, "fr") + ")",
                s.number(), s.begin(), s.end(), conf(0.85, used)));
    }

    private void agreement(String low, Sentences.Span s, List<Mention> in, List<Candidate> out) {
        Matcher ag = AGREEMENT.matcher(low);
        if (!ag.find()) {
            return;
        }
        if (in.stream().anyMatch(m -> is(m, "Agreement") || is(m, "LegalInstrument"))) {
            return; // an agreement the graph already has, or a law: not a new agreement
        }
        List<Mention> parties = where(in, m -> (is(m, "State") || is(m, "Organization")) && !is(m, "ResearchOrganization"));
        List<String> ids = ids(parties);
        String date = date(low);
        if (ids.size() < 2 || date == null) {
            return;
        }
        boolean partnership = PARTNERSHIP.matcher(low).find();
        String cls = partnership ? "Partnership" : ids.size() == 2 ? "BilateralAgreement" : "MultilateralAgreement";
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("party", ids);
        v.put("signedOn", List.of(date));
        List<Mention> distinct = distinct(parties);
        out.add(new Candidate("agreement", cls, null, v,
                String.join("–", distinct.stream().map(m -> label(m, "en")).toList()) + (partnership ? " partnership (" : " agreement (") + date + ")",
                (partnership ? "partenariat " : "accord ") + String.join("–", distinct.stream().map(m -> label(m, "fr")).toList()) + " (" + date + ")",
                s.number(), s.begin(), s.end(), conf(0.8, parties)));
    }

    /** The first date of a sentence: a day or month with a year ("12 March 2025", "in October 2024"), else a year. */
    static String date(String low) {
        Matcher d = DATE.matcher(low);
        if (d.find()) {
            int month = MONTHS.get(d.group(2));
            String day = d.group(1) != null ? d.group(1) : d.group(3);
            String ym = d.group(4) + "-" + String.format("%02d", month);
            return day != null ? ym + "-" + String.format("%02d", Integer.parseInt(day)) : ym;
        }
        Matcher y = YEAR.matcher(low);
        return y.find() ? y.group(1) : null;
    }

    private void stake(String low, Sentences.Span s, List<Mention> in, List<Candidate> out) {
        Matcher st = STAKE.matcher(low);
        Matcher pc = PERCENT.matcher(low);
        if (!st.find() || !pc.find()) {
            return;
        }
        int trigger = st.start() + s.begin();
        Mention holder = null;
        for (Mention m : in) {
            if (m.begin() < trigger && is(m, "Actor") && !is(m, "Person")) {
                holder = m;
            }
        }
        if (holder == null) {
            return;
        }
        Mention target = null;
        for (Mention m : in) {
            if (m.begin() > holder.begin() && !m.entity().equals(holder.entity()) && (is(m, "Firm") || is(m, "Site"))) {
                target = m;
                break;
            }
        }
        if (target == null) {
            return;
        }
        String share = pc.group(1).replace(',', '.');
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("holder", List.of(holder.entity()));
        v.put("target", List.of(target.entity()));
        v.put("share", List.of(share));
        out.add(new Candidate("stake", "Stake", null, v,
                label(holder, "en") + " stake in " + label(target, "en") + " (" + share + " %)",
                "participation de " + label(holder, "fr") + " dans " + label(target, "fr") + " (" + share + " %)",
                s.number(), s.begin(), s.end(), conf(0.8, List.of(holder, target))));
    }

    private void sitePlace(String low, Sentences.Span s, List<Mention> in, List<Candidate> out) {
        for (int i = 0; i + 1 < in.size(); i++) {
            Mention site = in.get(i);
            Mention place = in.get(i + 1);
            if (!is(site, "Site") || !is(place, "Place") || is(place, "Site") || site.entity().equals(place.entity())) {
                continue;
            }
            int gapFrom = site.end() - s.begin();
            int gapTo = place.begin() - s.begin();
            if (gapTo - gapFrom > 40 || !LOCATIVE.matcher(low.substring(gapFrom, gapTo)).find()) {
                continue;
            }
            Map<String, List<String>> v = new LinkedHashMap<>();
            v.put("locatedIn", List.of(place.entity()));
            out.add(new Candidate("site-place", null, site.entity(), v,
                    label(site, "en") + " in " + label(place, "en"), label(site, "fr") + " à " + label(place, "fr"),
                    s.number(), s.begin(), s.end(), conf(0.75, List.of(site, place))));
        }
    }

    private void target(String low, Sentences.Span s, List<Mention> in, List<Candidate> out) {
        Matcher g = GOAL.matcher(low);
        if (!g.find()) {
            return;
        }
        Matcher pc = PERCENT.matcher(low);
        String share = null;
        while (pc.find()) {
            if (share == null || pc.start() > g.start()) {
                share = pc.group(1).replace(',', '.');
                if (pc.start() > g.start()) {
                    break;
                }
            }
        }
        Matcher y = YEAR.matcher(low);
        String year = null;
        while (y.find()) {
            year = y.group(1); // the last year: "by 2030"
        }
        if (share == null || year == null) {
            return;
        }
        Mention actor = null;
        for (Mention m : in) {
            if ((is(m, "State") || is(m, "IntergovernmentalOrganization") || is(m, "GovernmentBody")) && actor == null) {
                actor = m;
            }
        }
        if (actor == null) {
            return;
        }
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("imposedBy", List.of(actor.entity()));
        v.put("targetShare", List.of(share));
        v.put("targetYear", List.of(year));
        List<Mention> materials = where(in, m -> is(m, "Material"));
        if (!materials.isEmpty()) {
            v.put("material", ids(materials));
        }
        out.add(new Candidate("target", "QuantifiedTarget", null, v,
                label(actor, "en") + " target of " + share + " % by " + year,
                "objectif de " + share + " % d'ici " + year + " (" + label(actor, "fr") + ")",
                s.number(), s.begin(), s.end(), conf(0.8, List.of(actor))));
    }

    private static List<String> ids(List<Mention> ms) {
        Set<String> out = new LinkedHashSet<>();
        ms.forEach(m -> out.add(m.entity()));
        return List.copyOf(out);
    }

    private static List<Mention> distinct(List<Mention> ms) {
        Set<String> seen = new LinkedHashSet<>();
        return ms.stream().filter(m -> seen.add(m.entity())).toList();
    }

    private String label(Mention m, String lang) {
        return gazetteer.entity(m.entity()).label(lang).replaceAll("\\s*\\([^)]*\\)$", "");
    }

    private String labels(List<Mention> ms, String lang) {
        return String.join(", ", distinct(ms).stream().map(m -> label(m, lang)).toList());
    }
}
