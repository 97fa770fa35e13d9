package org.w3id.rekg.ingest;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredBreakIteratorBuilder;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a text into sentences with ICU4J's sentence iterator, filtered so that it does not break
 * after the abbreviations of the language (ICU's own list for the locale plus ours: "U.S.",
 * "Corp.", "Inc.", "Mt." in English; "M.", "Mme", "av.", "J.-C." in French). Before splitting,
 * hard-wrapped lines are re-joined: a line break inside a paragraph, or a blank line between two
 * pieces of one sentence (the previous piece ends without a full stop and the next begins in lower
 * case), is read as a space. A blank line otherwise ends a sentence (a heading, a list item). The
 * text itself is not changed: offsets are char offsets into it, without the leading and trailing
 * white space of each sentence.
 */
public final class Sentences {
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\r\\u00A0]*\\n[\\s\\u00A0]*");
    private static final List<String> EN = List.of("U.S.", "U.K.", "U.N.", "E.U.", "Corp.", "Inc.", "Ltd.", "Co.", "Mt.", "St.",
            "No.", "Nos.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Gen.", "Sen.", "Rep.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.",
            "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "e.g.", "i.e.", "etc.", "vs.", "approx.", "est.", "B.V.", "N.V.");
    private static final List<String> FR = List.of("M.", "MM.", "Mme.", "Mlle.", "Dr.", "Pr.", "av.", "apr.", "J.-C.", "cf.",
            "p.", "pp.", "n°.", "no.", "art.", "vol.", "éd.", "env.", "etc.", "S.A.", "S.A.S.", "Cie.", "St.", "Ste.", "janv.",
            "févr.", "avr.", "juil.", "sept.", "oct.", "nov.", "déc.", "U.S.", "Corp.", "Inc.");
    private static final Map<String, BreakIterator> PROTOTYPES = new ConcurrentHashMap<>();

    private Sentences() {}

    /** A sentence {@code [begin, end)}, numbered from 1. */
    public record Span(int number, int begin, int end) {}

    private static BreakIterator iterator(String lang) {
        BreakIterator proto = PROTOTYPES.computeIfAbsent(lang, l -> {
            ULocale locale = ULocale.forLanguageTag(l);
            FilteredBreakIteratorBuilder b = FilteredBreakIteratorBuilder.getInstance(locale);
            for (String abbr : l.equals("fr") ? FR : EN) {
                b.suppressBreakAfter(abbr);
                if (Character.isLowerCase(abbr.charAt(0))) {
                    b.suppressBreakAfter(Character.toUpperCase(abbr.charAt(0)) + abbr.substring(1));
                }
            }
            return b.wrapIteratorWithFilter(BreakIterator.getSentenceInstance(locale));
        });
        return (BreakIterator) proto.clone();
    }

    /**
     * The text as the iterator reads it, of the same length: the line breaks that only wrap a
     * paragraph become spaces, so does a blank line inside a sentence; the blank lines that end a
     * block become a paragraph separator the iterator always breaks at.
     */
    static String joined(String text) {
        char[] v = text.toCharArray();
        int n = v.length;
        Matcher blank = BLANK_LINE.matcher(text);
        boolean[] hard = new boolean[n];
        while (blank.find()) {
            int prev = blank.start() - 1;
            while (prev >= 0 && Character.isWhitespace(v[prev])) {
                prev--;
            }
            int next = blank.end() < n ? blank.end() : -1;
            boolean continues = prev >= 0 && next >= 0 && !endsSentence(v[prev]) && Character.isLowerCase(v[next]);
            for (int i = blank.start(); i < blank.end(); i++) {
                if (continues) {
                    v[i] = ' ';
                } else {
                    hard[i] = true;
                }
            }
            if (!continues) {
                v[blank.start()] = '\u2029';
            }
        }
        for (int i = 0; i < n; i++) {
            if ((v[i] == '\n' || v[i] == '\r') && !hard[i]) {
                int prev = i - 1;
                while (prev >= 0 && (v[prev] == ' ' || v[prev] == '\t')) {
                    prev--;
                }
                int next = i + 1;
                while (next < n && (v[next] == ' ' || v[next] == '\t' || v[next] == '\r')) {
                    next++;
                }
                // a short line with a full stop, or a line followed by a capitalised short line, may be a heading or
                // a list: keep the break there; a long line without a final stop is wrapped
                boolean wrapped = next < n && (Character.isLowerCase(v[next])
                        || prev >= 0 && !endsSentence(v[prev]) && lineLength(v, prev) >= 50);
                v[i] = wrapped ? ' ' : '\u2029';
            }
        }
        return new String(v);
    }

    private static int lineLength(char[] v, int end) {
        int b = end;
        while (b > 0 && v[b - 1] != '\n' && v[b - 1] != '\u2029') {
            b--;
        }
        return end - b + 1;
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '»' || c == '"' || c == '”';
    }

    public static List<Span> split(String text, String lang) {
        List<Span> out = new ArrayList<>();
        BreakIterator it = iterator(lang);
        String view = joined(text);
        it.setText(view);
        java.util.Set<String> abbreviations = new java.util.HashSet<>(lang.equals("fr") ? FR : EN);
        int b = it.first();
        for (int e = it.next(); e != BreakIterator.DONE; e = it.next()) {
            if (e < view.length() && view.charAt(e - 1) != '\u2029' && abbreviations.contains(lastToken(view, e))) {
                continue; // ICU's filter misses abbreviations with inner stops ("U.S."): not a break
            }
            int sb = b;
            int se = e;
            while (sb < se && (Character.isWhitespace(text.charAt(sb)) || text.charAt(sb) == '\u00A0')) {
                sb++;
            }
            while (se > sb && (Character.isWhitespace(text.charAt(se - 1)) || text.charAt(se - 1) == '\u00A0')) {
                se--;
            }
            if (se > sb) {
                out.add(new Span(out.size() + 1, sb, se));
            }
            b = e;
        }
        return out;
    }

    /** The white-space separated token that ends before {@code end} (trailing spaces skipped). */
    private static String lastToken(String v, int end) {
        int e = end;
        while (e > 0 && Character.isWhitespace(v.charAt(e - 1))) {
            e--;
        }
        int b = e;
        while (b > 0 && !Character.isWhitespace(v.charAt(b - 1)) && v.charAt(b - 1) != '(' && v.charAt(b - 1) != '"') {
            b--;
        }
        return v.substring(b, e);
    }
}
