package org.w3id.rekg.ingest;

import java.util.Set;

/**
 * Tells French from English by counting frequent function words of each language. Good enough
 * for documents of a sentence or more; a text with neither kind of word is taken as English.
 *
 * <pre>{@code
 * LanguageDetector.detect("La Chine restreint ses exportations.");  // "fr"
 * }</pre>
 */
public final class LanguageDetector {
    private static final Set<String> FR = Set.of("le", "la", "les", "de", "des", "du", "un", "une", "et", "est",
            "en", "au", "aux", "dans", "pour", "par", "sur", "que", "qui", "ne", "pa", "plu", "avec", "ce", "cette",
            "se", "sont", "ont", "il", "elle", "leur", "mai", "ou", "son", "sa", "ses", "ete", "entre", "comme");
    private static final Set<String> EN = Set.of("the", "of", "and", "to", "in", "is", "a", "that", "for", "on",
            "with", "by", "it", "are", "from", "at", "be", "this", "ha", "have", "which", "its", "an", "or",
            "wa", "were", "been", "their", "would", "will", "not", "but", "after", "into");

    private LanguageDetector() {}

    /** "fr" or "en". */
    public static String detect(String text) {
        Tokens t = Tokens.of(text.length() > 200_000 ? text.substring(0, 200_000) : text);
        int fr = 0;
        int en = 0;
        for (int i = 0; i < t.size(); i++) {
            String w = t.norm(i);
            if (FR.contains(w)) {
                fr++;
            }
            if (EN.contains(w)) {
                en++;
            }
        }
        return fr > en ? "fr" : "en";
    }
}
