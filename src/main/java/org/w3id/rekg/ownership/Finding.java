package org.w3id.rekg.ownership;

import java.util.List;

/**
 * Something the reasoner found wrong or doubtful in the stakes. An {@link Severity#ERROR} means
 * the stakes named were set aside (the results do not use them); a {@link Severity#WARNING} means
 * they were used, and the results that depend on them should be read with care.
 *
 * @param where the files and records the finding is about, as the user can find them
 */
public record Finding(Severity severity, String message, List<String> where) {
    public enum Severity { WARNING, ERROR }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message
                + (where.isEmpty() ? "" : " [" + String.join("; ", where) + "]");
    }
}
