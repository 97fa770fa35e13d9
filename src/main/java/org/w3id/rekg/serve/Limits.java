package org.w3id.rekg.serve;

/**
 * The resource limits of the server, each documented in SECURITY.md with its option.
 *
 * <pre>{@code
 * Limits limits = Limits.defaults().withMaxBodyBytes(2 << 20).withMinDataRate(4096);
 * RekgServer.create().dataset(ds).limits(limits).build();
 * }</pre>
 *
 * @param maxBodyBytes     largest request body accepted (413 beyond it); {@code --max-body}
 * @param maxResponseBytes largest response body written (the response is cut and the connection
 *                         closed beyond it); {@code --max-response}
 * @param minDataRate      bytes per second a client must at least send once a request
 *                         has started, so that a trickle cannot hold a thread; {@code --min-rate}
 * @param maxThreads       request threads of the server; {@code --threads}
 * @param perClientThreads threads one client address may hold at once when the server is bound
 *                         beyond loopback ({@code --public}); further requests wait without a thread
 * @param memoryHighWater  fraction of the heap at which running queries older than one second are
 *                         cancelled (they get 503) so that the server keeps serving
 */
public record Limits(long maxBodyBytes, long maxResponseBytes, long minDataRate, int maxThreads, int perClientThreads,
        double memoryHighWater) {

    /** 1 MiB bodies, 256 MiB responses, 512 B/s, 200 threads, 32 per client, 85 % of the heap. */
    public static Limits defaults() {
        return new Limits(1L << 20, 256L << 20, 512, 200, 32, 0.85);
    }

    public Limits {
        check(maxBodyBytes >= 1024, "max body must be at least 1024 bytes, got " + maxBodyBytes);
        check(maxResponseBytes >= 1024, "max response must be at least 1024 bytes, got " + maxResponseBytes);
        check(minDataRate >= 0, "minimum data rate must be 0 (off) or more bytes per second, got " + minDataRate);
        check(maxThreads >= 8 && maxThreads <= 10_000, "threads must be between 8 and 10000, got " + maxThreads);
        check(perClientThreads >= 1 && perClientThreads <= maxThreads,
                "threads per client must be between 1 and the thread count " + maxThreads + ", got " + perClientThreads);
        check(memoryHighWater > 0.1 && memoryHighWater < 1.0,
                "memory high-water mark must be a fraction between 0.1 and 1, got " + memoryHighWater);
    }

    public Limits withMaxBodyBytes(long n) {
        return new Limits(n, maxResponseBytes, minDataRate, maxThreads, perClientThreads, memoryHighWater);
    }

    public Limits withMaxResponseBytes(long n) {
        return new Limits(maxBodyBytes, n, minDataRate, maxThreads, perClientThreads, memoryHighWater);
    }

    public Limits withMinDataRate(long n) {
        return new Limits(maxBodyBytes, maxResponseBytes, n, maxThreads, perClientThreads, memoryHighWater);
    }

    public Limits withThreads(int n, int perClient) {
        return new Limits(maxBodyBytes, maxResponseBytes, minDataRate, n, perClient, memoryHighWater);
    }

    public Limits withMemoryHighWater(double f) {
        return new Limits(maxBodyBytes, maxResponseBytes, minDataRate, maxThreads, perClientThreads, f);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
