package org.w3id.rekg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

class QueryServiceTest {

    @Test
    void syntaxErrorGivesItsLineColumnAndTokenWithoutTheParsersList() {
        RekgException e = assertThrows(RekgException.class,
                () -> QueryService.parse("SELECT ?x WHERE {\n  ?x a rekg:Mine . FILTER( }"));
        assertEquals(ErrorCode.QUERY, e.code());
        assertEquals("SPARQL syntax error [line 2, column 26] unexpected \"}\"", e.getMessage());
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        RekgException e = assertThrows(RekgException.class, () -> QueryService.format("xml"));
        assertEquals(ErrorCode.USAGE, e.code());
    }
}
