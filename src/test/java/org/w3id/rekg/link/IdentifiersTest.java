package org.w3id.rekg.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

class IdentifiersTest {

    @Test
    void aRealLeiPassesTheMod97Check() {
        // from ../shared/external/gleif-api-json/lei_records/single_lei_record_INR2EJN1ERAN0W5ZP974.json
        assertTrue(Identifiers.isLei("INR2EJN1ERAN0W5ZP974"));
        assertTrue(Identifiers.isLei("LEITEST0000000000005"));
    }

    @Test
    void anLeiWithWrongCheckDigitsIsRejectedWithAClearMessage() {
        assertFalse(Identifiers.isLei("INR2EJN1ERAN0W5ZP975"));
        RekgException e = assertThrows(RekgException.class, () -> Identifiers.requireLei("INR2EJN1ERAN0W5ZP975", "links-by-hand.csv row 2"));
        assertEquals(ErrorCode.INVALID_IDENTIFIER, e.code());
        assertEquals("links-by-hand.csv row 2: the LEI 'INR2EJN1ERAN0W5ZP975' has wrong check digits (ISO 17442 / ISO 7064 mod 97-10)",
                e.getMessage());
    }

    @Test
    void anLeiOfTheWrongShapeIsRejected() {
        assertFalse(Identifiers.isLei("inr2ejn1eran0w5zp974"));
        assertFalse(Identifiers.isLei("INR2EJN1ERAN0W5ZP97"));
        RekgException e = assertThrows(RekgException.class, () -> Identifiers.requireLei("12345", "x"));
        assertTrue(e.getMessage().contains("is not a Legal Entity Identifier"), e.getMessage());
    }

    @Test
    void isoCodesWikidataItemsAndGeonamesIdsHaveTheirShapes() {
        assertTrue(Identifiers.isAlpha2("CN"));
        assertFalse(Identifiers.isAlpha2("cn"));
        assertFalse(Identifiers.isAlpha2("CHN"));
        assertTrue(Identifiers.isAlpha3("CHN"));
        assertTrue(Identifiers.isNumeric("036"));
        assertFalse(Identifiers.isNumeric("36"));
        assertTrue(Identifiers.isWikidataItem("Q148"));
        assertFalse(Identifiers.isWikidataItem("Q0148"));
        assertEquals("Q148", Identifiers.qidOf("https://www.wikidata.org/wiki/Q148"));
        assertEquals("http://www.wikidata.org/entity/Q148", Identifiers.wikidataIri("Q148"));
        assertEquals("https://sws.geonames.org/1814991/", Identifiers.geonamesIri("1814991"));
        assertTrue(Identifiers.isGeonamesId("1814991"));
        assertFalse(Identifiers.isGeonamesId("18a"));
    }
}
