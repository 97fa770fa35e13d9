package org.w3id.rekg.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Node;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Links made by hand, in {@code sources/reference/links-by-hand.csv}
 * ({@code subject,predicate,object,evidence}): the subject is a REKG id ({@code rare-earths},
 * {@code state/CN}), the predicate {@code owl:sameAs}, {@code skos:exactMatch} or
 * {@code skos:closeMatch}, the object an IRI of another dataset. An identifier in them that does
 * not validate (an ISO code that is not one, a malformed Wikidata item, an LEI with wrong check
 * digits) is an error. No linker ever replaces them.
 */
public final class HandLinks {
    static final List<String> COLUMNS = List.of("subject", "predicate", "object", "evidence");

    private HandLinks() {}

    /** The links of {@code csv}; {@code known} tells whether a REKG id exists (null: do not check). */
    public static List<Link> read(Path csv, java.util.function.Predicate<String> known) {
        List<Link> links = new ArrayList<>();
        if (!Files.isRegularFile(csv)) {
            return links;
        }
        for (CSVRecord r : MinmodCommodities.MinmodCsv.records(csv, COLUMNS)) {
            String where = csv.getFileName() + " row " + (r.getRecordNumber() + 1);
            String subject = r.get("subject").strip();
            if (subject.startsWith("state/") && !Identifiers.isAlpha2(subject.substring(6))) {
                throw new RekgException(ErrorCode.INVALID_IDENTIFIER, where + ": '" + subject.substring(6)
                        + "' is not an ISO 3166-1 alpha-2 code (two capital letters)");
            }
            if (known != null && !known.test(subject)) {
                throw new RekgException(subject.startsWith("state/") ? ErrorCode.INVALID_IDENTIFIER : ErrorCode.UNKNOWN_ENTITY,
                        where + ": no REKG entity '" + subject + "'" + (subject.startsWith("state/")
                                ? " ('" + subject.substring(6) + "' is not an ISO 3166-1 code in country-codes.csv)" : ""));
            }
            Node predicate = switch (r.get("predicate").strip()) {
                case "owl:sameAs" -> Link.SAME_AS;
                case "skos:exactMatch" -> Link.EXACT_MATCH;
                case "skos:closeMatch" -> Link.CLOSE_MATCH;
                default -> throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": predicate must be owl:sameAs, skos:exactMatch or skos:closeMatch, got '"
                        + r.get("predicate") + "'");
            };
            String object = r.get("object").strip();
            checkObject(object, where);
            links.add(Link.of(Rekg.id(subject), predicate, object, Link.Method.BY_HAND, 1.0, "by hand: " + r.get("evidence").strip()));
        }
        return links;
    }

    private static void checkObject(String iri, String where) {
        if (!iri.startsWith("http://") && !iri.startsWith("https://")) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": the object must be an http(s) IRI, got '" + iri + "'");
        }
        if (iri.startsWith(Identifiers.WIKIDATA_ENTITY) && Identifiers.qidOf(iri) == null) {
            throw new RekgException(ErrorCode.INVALID_IDENTIFIER, where + ": '" + iri + "' does not name a Wikidata item (Q followed by digits)");
        }
        for (String prefix : List.of("https://lei.info/", "https://search.gleif.org/#/record/", "https://rdf.gleif.org/L1/L-")) {
            if (iri.startsWith(prefix)) {
                Identifiers.requireLei(iri.substring(prefix.length()).replaceAll("/$", ""), where);
            }
        }
    }
}
