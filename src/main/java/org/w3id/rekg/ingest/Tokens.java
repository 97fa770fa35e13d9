package org.w3id.rekg.ingest;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Word tokens of a text with their offsets and a normalised form used for matching: lower case,
 * no accents, French elision dropped ({@code l'Estonie} → {@code estonie}), English possessive
 * dropped ({@code China's} → {@code china}), and a light plural folding ({@code terres} →
 * {@code terre}, {@code métaux} → {@code metal}, {@code companies} → {@code company}). A token is a
 * maximal run of letters and digits; everything else (spaces, hyphens, dashes, quotes,
 * punctuation) separates tokens, so {@code rare-earth} and {@code rare earth} match alike.
 *
 * <pre>{@code
 * Tokens t = Tokens.of("d'Australie");
 * t.norm(0);   // "australie"
 * t.begin(0);  // 2
 * }</pre>
 */
public final class Tokens {
    /** Casing of a token as written. */
    public static final int LOWER = 0;
    public static final int CAPITALISED = 1;
    public static final int ALL_CAPS = 2;

    private static final Set<String> ELISIONS = Set.of("l", "d", "j", "m", "n", "s", "t", "c", "qu",
            "jusqu", "lorsqu", "puisqu", "presqu", "quoiqu");

    /** Normalised forms of words with non-ASCII letters (normalising them is the slow path). */
    private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final String text;
    private int size;
    private int[] begins;
    private int[] ends;
    private String[] norms;
    private byte[] cases;

    private Tokens(String text, int capacity) {
        this.text = text;
        this.begins = new int[capacity];
        this.ends = new int[capacity];
        this.norms = new String[capacity];
        this.cases = new byte[capacity];
    }

    /** Tokenises {@code text}. */
    public static Tokens of(String text) {
        Tokens t = new Tokens(text, Math.max(16, text.length() / 5));
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            // an apostrophe inside a word: French elision (l'Estonie) or English possessive (China's)
            if (i + 1 < n && isApostrophe(text.charAt(i)) && Character.isLetter(text.charAt(i + 1))) {
                String head = text.substring(start, i).toLowerCase(Locale.ROOT);
                if (ELISIONS.contains(head)) {
                    i++;
                    continue; // the word starts after the apostrophe
                }
                if ((text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
                        && (i + 2 >= n || !Character.isLetterOrDigit(text.charAt(i + 2)))) {
                    t.add(start, i);
                    i += 2;
                    continue;
                }
            }
            t.add(start, i);
        }
        return t;
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u02BC';
    }

    private void add(int b, int e) {
        if (size == begins.length) {
            int cap = size * 2;
            begins = Arrays.copyOf(begins, cap);
            ends = Arrays.copyOf(ends, cap);
            norms = Arrays.copyOf(norms, cap);
            cases = Arrays.copyOf(cases, cap);
        }
        begins[size] = b;
        ends[size] = e;
        norms[size] = normalise(text, b, e);
        cases[size] = (byte) casing(text, b, e);
        size++;
    }

    public int size() {
        return size;
    }

    public int begin(int i) {
        return begins[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public String norm(int i) {
        return norms[i];
    }

    /** {@link #LOWER}, {@link #CAPITALISED} or {@link #ALL_CAPS}. */
    public int casing(int i) {
        return cases[i];
    }

    public String text() {
        return text;
    }

    /** The casing of {@code s[b,e)}: all capitals (two letters or more), capitalised, or lower case. */
    static int casing(CharSequence s, int b, int e) {
        int letters = 0;
        int upper = 0;
        for (int i = b; i < e; i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        if (letters >= 2 && upper == letters) {
            return ALL_CAPS;
        }
        return Character.isUpperCase(s.charAt(b)) || Character.isDigit(s.charAt(b)) && upper > 0 ? CAPITALISED : LOWER;
    }

    /** The normalised form of one word {@code s[b,e)}. */
    static String normalise(String s, int b, int e) {
        boolean ascii = true;
        for (int i = b; i < e; i++) {
            if (s.charAt(i) >= 128) {
                ascii = false;
                break;
            }
        }
        String w;
        if (ascii) {
            char[] buf = new char[e - b];
            for (int i = b; i < e; i++) {
                char c = s.charAt(i);
                buf[i - b] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            }
            w = new String(buf);
        } else {
            String raw = s.substring(b, e);
            String cached = CACHE.get(raw);
            if (cached != null) {
                return cached;
            }
            String d = Normalizer.normalize(raw, Normalizer.Form.NFD);
            StringBuilder sb = new StringBuilder(d.length());
            for (int i = 0; i < d.length(); i++) {
                char c = d.charAt(i);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    sb.append(c);
                }
            }
            w = fold(sb.toString().toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss"));
            if (CACHE.size() < 100_000) {
                CACHE.put(raw, w);
            }
            return w;
        }
        return fold(w);
    }

    /** Light plural folding, identical for labels and text. */
    static String fold(String w) {
        int n = w.length();
        if (n > 4 && w.endsWith("ies")) {
            return w.substring(0, n - 3) + "y";
        }
        if (n > 4 && w.endsWith("aux")) {
            return w.substring(0, n - 3) + "al";
        }
        if (n > 3 && w.charAt(n - 1) == 's' && w.charAt(n - 2) != 's') {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
