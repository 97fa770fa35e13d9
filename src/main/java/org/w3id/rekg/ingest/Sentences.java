package org.w3id.rekg.ingest;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text into sentences with the JDK's {@link BreakIterator}, after cutting it at blank
 * lines (a heading or a list item ends a sentence even without a full stop). Offsets are char
 * offsets into the text; leading and trailing white space is left out of each sentence.
 */
public final class Sentences {
    private static final java.util.regex.Pattern BLANK_LINE = java.util.regex.Pattern.compile("\\n[ \\t\\r\\u00A0]*\\n");

    private Sentences() {}

    /** A sentence {@code [begin, end)}, numbered from 1. */
    public record Span(int number, int begin, int end) {}

    public static List<Span> split(String text, String lang) {
        List<Span> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.forLanguageTag(lang));
        int n = text.length();
        int start = 0;
        java.util.regex.Matcher blank = BLANK_LINE.matcher(text);
        while (start < n) {
            int blockEnd = blank.find(start) ? blank.start() : n;
            String block = text.substring(start, blockEnd);
            it.setText(block);
            int b = it.first();
            for (int e = it.next(); e != BreakIterator.DONE; b = e, e = it.next()) {
                int sb = start + b;
                int se = start + e;
                while (sb < se && Character.isWhitespace(text.charAt(sb))) {
                    sb++;
                }
                while (se > sb && Character.isWhitespace(text.charAt(se - 1))) {
                    se--;
                }
                if (se > sb) {
                    out.add(new Span(out.size() + 1, sb, se));
                }
            }
            start = blockEnd + 1;
            while (start < n && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        return out;
    }
}
