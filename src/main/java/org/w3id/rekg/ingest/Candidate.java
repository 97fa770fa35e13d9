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
    public static final Map<String, String> LITERALS = Map.of("share", "decimal", "targetShare", "decimal",
            "targetYear", "year", "signedOn", "temporal", "date", "temporal", "effectiveFrom", "temporal");

    /** The properties compared when scoring a candidate against a gold claim. */
    public static final Map<String, List<String>> CORE = Map.of(
            "export-restriction", List.of("imposedBy", "material"),
            "agreement", List.of("party", "signedOn"),
            "stake", List.of("holder", "target", "share"),
            "site-place", List.of("subject", "locatedIn"),
            "target", List.of("imposedBy", "targetShare", "targetYear"));

    /** {@code pattern prop=v1,v2 prop=v ...} over the core properties, values sorted: what evaluation compares. */
    public String signature() {
        StringBuilder sb = new StringBuilder(pattern);
        for (String p : CORE.getOrDefault(pattern, List.of())) {
            List<String> v = p.equals("subject") ? (subject == null ? List.of() : List.of(subject)) : values.getOrDefault(p, List.of());
            sb.append(' ').append(p).append('=').append(String.join(",", v.stream().sorted().toList()));
        }
        return sb.toString();
    }
}
