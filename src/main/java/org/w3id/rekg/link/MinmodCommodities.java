package org.w3id.rekg.link;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * MinMod's list of commodities ({@code commodity.csv}: {@code minmod_id,name,parent,aliases,...}),
 * as copied into {@code sources/reference/minmod-commodity.csv}. An element's commodity is the row
 * whose {@code aliases} is the element's symbol.
 */
public final class MinmodCommodities {
    public static final List<String> COLUMNS = List.of("minmod_id", "name", "parent", "aliases");

    /** One row. */
    public record Commodity(String id, String name, String parent, String symbol, boolean critical, long row) {}

    private final Map<String, Commodity> byId = new LinkedHashMap<>();
    private final Map<String, Commodity> bySymbol = new LinkedHashMap<>();

    private MinmodCommodities() {}

    public static MinmodCommodities read(Path csv) {
        MinmodCommodities c = new MinmodCommodities();
        for (CSVRecord r : MinmodCsv.records(csv, COLUMNS)) {
            String id = r.get("minmod_id").strip();
            if (!Identifiers.isMinmodId(id)) {
                throw new RekgException(ErrorCode.INVALID_IDENTIFIER, csv.getFileName() + " row " + (r.getRecordNumber() + 1)
                        + ": '" + id + "' is not a MinMod id (Q followed by digits)");
            }
            String symbol = r.get("aliases").strip();
            boolean critical = r.isMapped("is_critical_commodity") && r.get("is_critical_commodity").strip().equals("1");
            Commodity com = new Commodity(id, r.get("name").strip(), r.get("parent").strip(),
                    symbol.matches("[A-Z][a-z]?") ? symbol : null, critical, r.getRecordNumber() + 1);
            c.byId.put(id, com);
            if (com.symbol() != null) {
                c.bySymbol.putIfAbsent(com.symbol(), com);
            }
        }
        return c;
    }

    public Commodity byId(String id) {
        return byId.get(id);
    }

    public Commodity bySymbol(String symbol) {
        return bySymbol.get(symbol);
    }

    public List<Commodity> all() {
        return new ArrayList<>(byId.values());
    }

    /** Reading of MinMod's CSV files: UTF-8, a header, the columns needed checked first. */
    public static final class MinmodCsv {
        private MinmodCsv() {}

        public static List<CSVRecord> records(Path csv, List<String> required) {
            if (!Files.isRegularFile(csv)) {
                throw new RekgException(ErrorCode.USAGE, "no such file: " + csv);
            }
            try (Reader in = new java.io.InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8.newDecoder());
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get().parse(in)) {
                Set<String> header = Set.copyOf(p.getHeaderNames());
                List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
                if (!missing.isEmpty()) {
                    throw new RekgException(ErrorCode.IMPORT_FORMAT, csv + ": missing column(s) " + String.join(", ", missing)
                            + " (found: " + String.join(", ", p.getHeaderNames()) + ")");
                }
                return p.getRecords();
            } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                throw new RekgException(ErrorCode.IMPORT_FORMAT, csv + ": not a readable UTF-8 CSV file with a header: " + e.getMessage(), e);
            }
        }
    }
}
