package org.w3id.rekg.link;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * Checks of the identifiers REKG links by: ISO 3166-1 codes, Legal Entity Identifiers (ISO 17442,
 * with their ISO 7064 mod 97-10 check digits), Wikidata items and GeoNames ids; and the IRIs they
 * stand for in their datasets.
 */
public final class Identifiers {
    private Identifiers() {}

    public static final String WIKIDATA_ENTITY = "http://www.wikidata.org/entity/";
    public static final String GEONAMES = "https://sws.geonames.org/";
    public static final String MINMOD = "https://minmod.isi.edu/resource/";

    private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{3}");
    private static final Pattern QID = Pattern.compile("Q[1-9][0-9]*");
    private static final Pattern GEONAMES_ID = Pattern.compile("[1-9][0-9]*");
    private static final Pattern LEI = Pattern.compile("[0-9A-Z]{18}[0-9]{2}");
    private static final Pattern MINMOD_ID = Pattern.compile("Q[0-9]+");

    public static boolean isAlpha2(String s) {
        return s != null && ALPHA2.matcher(s).matches();
    }

    public static boolean isAlpha3(String s) {
        return s != null && ALPHA3.matcher(s).matches();
    }

    public static boolean isNumeric(String s) {
        return s != null && NUMERIC.matcher(s).matches();
    }

    public static boolean isWikidataItem(String s) {
        return s != null && QID.matcher(s).matches();
    }

    public static boolean isGeonamesId(String s) {
        return s != null && GEONAMES_ID.matcher(s).matches();
    }

    public static boolean isMinmodId(String s) {
        return s != null && MINMOD_ID.matcher(s).matches();
    }

    /**
     * True if {@code lei} is a Legal Entity Identifier: 18 letters or digits then two check digits
     * such that the whole, letters read as 10..35, is 1 modulo 97 (ISO 17442, ISO 7064 mod 97-10).
     */
    public static boolean isLei(String lei) {
        if (lei == null || !LEI.matcher(lei).matches()) {
            return false;
        }
        StringBuilder digits = new StringBuilder(40);
        for (char c : lei.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** Throws a clear error unless {@code lei} is a valid LEI. */
    public static String requireLei(String lei, String where) {
        if (lei == null || !LEI.matcher(lei).matches()) {
            throw new RekgException(ErrorCode.INVALID_IDENTIFIER, where + ": '" + lei
                    + "' is not a Legal Entity Identifier (ISO 17442: 18 capital letters or digits, then 2 check digits)");
        }
        if (!isLei(lei)) {
            throw new RekgException(ErrorCode.INVALID_IDENTIFIER, where + ": the LEI '" + lei
                    + "' has wrong check digits (ISO 17442 / ISO 7064 mod 97-10)");
        }
        return lei;
    }

    /** The Wikidata entity IRI of an item ({@code Q148} → {@code http://www.wikidata.org/entity/Q148}). */
    public static String wikidataIri(String qid) {
        return WIKIDATA_ENTITY + qid;
    }

    /** The item of a Wikidata IRI, entity or page ({@code .../wiki/Q148}), or null. */
    public static String qidOf(String iri) {
        if (iri == null) {
            return null;
        }
        String q = iri.substring(iri.lastIndexOf('/') + 1);
        return isWikidataItem(q) ? q : null;
    }

    /** The GeoNames semantic-web IRI of a feature ({@code https://sws.geonames.org/1814991/}). */
    public static String geonamesIri(String id) {
        return GEONAMES + id + "/";
    }

    public static String minmodIri(String id) {
        return MINMOD + id;
    }
}
