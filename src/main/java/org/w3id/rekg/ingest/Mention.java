package org.w3id.rekg.ingest;

/**
 * A name found in a text and the entity it is linked to: {@code text.substring(begin, end)} is
 * {@code anchor}; {@code entity} is relative to {@code id:}; {@code confidence} is in 0–1.
 */
public record Mention(int begin, int end, String anchor, String entity, String type, double confidence) {}
