package org.w3id.rekg.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/** Precision and recall of a linker's links against a gold standard ({@code entity<TAB>item} TSV, {@code #} comments). */
public record LinkQuality(int truePositives, int falsePositives, int falseNegatives) {

    public double precision() {
        return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
        return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    /** Compares the links whose subject is in the gold file, or whose object is an item of it. */
    public static LinkQuality of(List<Link> links, Path goldTsv) {
        Set<String> gold = new HashSet<>();
        Set<String> goldEntities = new HashSet<>();
        try (var in = Files.newBufferedReader(goldTsv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.TDF.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : p) {
                gold.add(r.get("entity") + " " + r.get("item"));
                goldEntities.add(r.get("entity"));
            }
        } catch (IOException | RuntimeException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read the gold standard " + goldTsv + ": " + e.getMessage(), e);
        }
        int tp = 0;
        int fp = 0;
        Set<String> found = new HashSet<>();
        for (Link l : links) {
            String key = l.subject().getURI().substring(Rekg.ID.length()) + " " + Identifiers.qidOf(l.object().getURI());
            if (gold.contains(key)) {
                tp++;
                found.add(key);
            } else {
                fp++;
            }
        }
        return new LinkQuality(tp, fp, gold.size() - found.size());
    }
}
