package org.w3id.rekg.ingest;

import java.util.List;
import java.util.Map;

/**
 * A claim a document seems to make, waiting for review. {@code cls} is the rekg: class of the
 * record it would become (null for a record about an existing {@code subject}); {@code values}
 * maps rekg: property local names to entity ids (object properties) or literal lexical forms;
 * the evidence is the sentence {@code [begin, end)} (char offsets), numbered {@code sentence}.
 */
public record Candidate(String pattern, String cls, String subject, Map<String, List<String>> values,
        String labelEn, String labelFr, int sentence, int begin, int end, double confidence) {

    /** Properties whose values are literals, with their kind: decimal, year or temporal. */
    public static final Map<String, String> LITERALS = Map.ofEntries(Map.entry("share", "decimal"),
            Map.entry("targetShare", "decimal"), Map.entry("targetYear", "year"), Map.entry("signedOn", "temporal"),
            Map.entry("date", "temporal"), Map.entry("effectiveFrom", "temporal"), Map.entry("amount", "decimal"),
            Map.entry("value", "decimal"), Map.entry("currency", "string"), Map.entry("unit", "string"),
            Map.entry("adoptedOn", "temporal"), Map.entry("announcedOn", "temporal"), Map.entry("constructionStart", "temporal"),
            Map.entry("startDate", "temporal"), Map.entry("endDate", "temporal"), Map.entry("year", "year"),
            Map.entry("duration", "string"));

    /** The properties compared when scoring a candidate against a gold claim. */
    public static final Map<String, List<String>> CORE = Map.ofEntries(
            Map.entry("export-restriction", List.of("imposedBy", "material")),
            Map.entry("agreement", List.of("party", "signedOn")),
            Map.entry("stake", List.of("holder", "target", "share")),
            Map.entry("site-place", List.of("subject", "locatedIn")),
            Map.entry("target", List.of("imposedBy", "targetShare", "targetYear")),
            Map.entry("funding", List.of("issuedBy", "beneficiary", "amount", "currency")),
            Map.entry("price-floor", List.of("imposedBy", "material", "amount", "currency")),
            Map.entry("figure", List.of("observedActor", "value", "unit")),
            Map.entry("share-observation", List.of("observedActor", "share")),
            Map.entry("offtake", List.of("party", "share")),
            Map.entry("construction-start", List.of("subject", "constructionStart")),
            Map.entry("law-milestone", List.of("subject", "adoptedOn")),
            Map.entry("event", List.of("participant", "date")));

    /** {@code pattern prop=v1,v2 prop=v ...} over the core properties, values sorted: what evaluation compares. */
    public String signature() {
        StringBuilder sb = new StringBuilder(pattern);
        for (String p : CORE.getOrDefault(pattern, List.of())) {
            List<String> v = p.equals("subject") ? (subject == null ? List.of() : List.of(subject)) : values.getOrDefault(p, List.of());
            sb.append(' ').append(p).append('=').append(String.join(",", v.stream().map(x -> norm(p, x)).sorted().toList()));
        }
        return sb.toString();
    }

    /** A value as compared: numbers without trailing zeros (110.0 = 110). */
    public static String norm(String property, String v) {
        if ("decimal".equals(LITERALS.get(property))) {
            try {
                return new java.math.BigDecimal(v.strip()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }
}
