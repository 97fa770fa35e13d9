package org.w3id.rekg.core;

/** Stable error codes; each has an anchor in {@code docs/errors.md}. */
public enum ErrorCode {
    YAML_SYNTAX("REKG-001", "malformed-source-file"),
    UNKNOWN_ENTITY("REKG-002", "unknown-entity"),
    SHARE_OUT_OF_RANGE("REKG-003", "share-out-of-range"),
    INVALID_DATE("REKG-004", "invalid-date"),
    DUPLICATE_ID("REKG-005", "duplicate-identifier"),
    MISSING_LOCATOR("REKG-006", "missing-locator"),
    UNKNOWN_TERM("REKG-007", "unknown-class-or-property"),
    INVALID_VALUE("REKG-008", "invalid-value"),
    SHACL_VIOLATION("REKG-009", "shape-violation"),
    REFERENCE_DATA("REKG-010", "reference-data"),
    STORE("REKG-020", "store"),
    REMOTE_CONFLICT("REKG-021", "concurrent-writer"),
    QUERY("REKG-030", "query"),
    USAGE("REKG-040", "usage"),
    SERVER("REKG-050", "server"),
    INGEST_INPUT("REKG-060", "unreadable-document"),
    REVIEW_CANDIDATE("REKG-061", "review-candidate"),
    IMPORT_FORMAT("REKG-071", "import-format"),
    INVALID_IDENTIFIER("REKG-072", "invalid-identifier"),
    ENDPOINT("REKG-073", "endpoint");

    private final String id;
    private final String anchor;

    ErrorCode(String id, String anchor) {
        this.id = id;
        this.anchor = anchor;
    }

    public String id() {
        return id;
    }

    public String docsUrl() {
        return "docs/errors.md#" + anchor;
    }
}
