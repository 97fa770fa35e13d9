package org.w3id.rekg.bench;

import java.util.Arrays;
import java.util.List;
import org.apache.jena.atlas.json.JsonObject;

/** Summary of a series of timings in milliseconds: min, median, max and nearest-rank percentiles. */
public record Stats(double[] sorted) {

    public Stats {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    public static Stats of(List<Double> millis) {
        return new Stats(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public int count() {
        return sorted.length;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    /** The median (mean of the two middle samples for an even count). */
    public double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]: with 20 samples p99 is the largest. */
    public double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {count, min, median, p99, max} in ms, as JSON. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.put("runs", sorted.length);
        o.put("minMs", BenchService.json(min()));
        o.put("medianMs", BenchService.json(median()));
        o.put("p99Ms", BenchService.json(percentile(99)));
        o.put("maxMs", BenchService.json(max()));
        return o;
    }
}
