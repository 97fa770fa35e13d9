package org.w3id.rekg.store;

import java.util.Map;
import org.w3id.rekg.vocab.Rekg;

/** The prefixes written at the top of exported files. */
final class ExportPrefixes {
    private ExportPrefixes() {}

    static final Map<String, String> MAP = Map.of(
            "rekg", Rekg.NS, "id", Rekg.ID, "prov", Rekg.PROV, "dct", Rekg.DCT, "skos", Rekg.SKOS,
            "geo", Rekg.GEO, "foaf", Rekg.FOAF, "org", Rekg.ORG,
            "rdfs", "http://www.w3.org/2000/01/rdf-schema#", "xsd", "http://www.w3.org/2001/XMLSchema#");
}
