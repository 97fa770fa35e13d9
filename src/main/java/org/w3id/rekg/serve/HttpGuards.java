package org.w3id.rekg.serve;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * The Jetty handlers that bound what one client can take from the server, wrapped around
 * everything Fuseki serves (outermost first): a size limit on request and response bodies
 * (Jetty's {@link SizeLimitHandler}); a minimum data rate once a request has started, which a
 * trickle of one byte a second cannot satisfy, unlike the idle timeout that each byte resets
 * ({@link MinimumRequestRate}); when bound beyond loopback, a limit of threads per
 * client address (Jetty's {@link ThreadLimitHandler}: further requests wait without a thread); and
 * a throttle of failed logins on the write service.
 */
final class HttpGuards {
    private HttpGuards() {}

    static void install(Server jetty, Limits limits, boolean publicAccess, String writePath) {
        Handler inner = jetty.getHandler();
        Handler chain = new LoginThrottle(inner, writePath, LoginThrottle.MAX_FAILURES, LoginThrottle.WINDOW);
        if (publicAccess) {
            ThreadLimitHandler perClient = new ThreadLimitHandler(chain, null, false);
            perClient.setThreadLimit(limits.perClientThreads());
            chain = perClient;
        }
        if (limits.minDataRate() > 0) {
            chain = new MinimumRequestRate(chain, limits.minDataRate(), MinimumRequestRate.GRACE);
        }
        SizeLimitHandler size = new SizeLimitHandler(limits.maxBodyBytes(), limits.maxResponseBytes());
        size.setHandler(chain);
        jetty.setHandler(size);
    }

    /**
     * Ends a request whose body comes slower than the minimum rate once a grace period has passed:
     * each read counts this request's own bytes (Jetty 12.1's {@code MinimumDataRateHandler} counts
     * the bytes of all requests and refuses a body whose first read finds none yet), and a read
     * below the rate returns an error, which the servlet sees as a failed read.
     */
    static final class MinimumRequestRate extends Handler.Wrapper {
        /** A request is never judged before this. */
        static final Duration GRACE = Duration.ofSeconds(5);

        private final long minBytesPerSecond;
        private final long graceNanos;

        MinimumRequestRate(Handler inner, long minBytesPerSecond, Duration grace) {
            super(inner);
            this.minBytesPerSecond = minBytesPerSecond;
            this.graceNanos = grace.toNanos();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return super.handle(new Request.Wrapper(request) {
                private long bytes;

                @Override
                public Content.Chunk read() {
                    Content.Chunk chunk = super.read();
                    if (chunk == null || Content.Chunk.isFailure(chunk)) {
                        return chunk;
                    }
                    bytes += chunk.remaining();
                    long elapsed = NanoTime.since(getHeadersNanoTime());
                    if (!chunk.isLast() && elapsed > graceNanos && bytes * 1_000_000_000L / elapsed < minBytesPerSecond) {
                        chunk.release();
                        return Content.Chunk.from(new TimeoutException("request body slower than " + minBytesPerSecond
                                + " bytes a second: " + bytes + " bytes in " + elapsed / 1_000_000 + " ms"));
                    }
                    return chunk;
                }
            }, response, callback);
        }
    }

    /**
     * After {@value #MAX_FAILURES} failed logins (401) from one address within the window, that
     * address gets 429 on the write service until the window has passed.
     */
    static final class LoginThrottle extends Handler.Wrapper {
        static final int MAX_FAILURES = 5;
        static final Duration WINDOW = Duration.ofSeconds(60);

        private final String path;
        private final int maxFailures;
        private final long windowNanos;
        private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

        LoginThrottle(Handler inner, String path, int maxFailures, Duration window) {
            super(inner);
            this.path = path;
            this.maxFailures = maxFailures;
            this.windowNanos = window.toNanos();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (path == null || !Request.getPathInContext(request).startsWith(path)) {
                return super.handle(request, response, callback);
            }
            String client = Request.getRemoteAddr(request);
            if (recent(client) >= maxFailures) {
                response.setStatus(429);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(WINDOW.toSeconds()));
                Response.writeError(request, response, callback, 429, "too many failed logins from " + client
                        + "; try again in " + WINDOW.toSeconds() + " s");
                return true;
            }
            return super.handle(request, response, new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    if (response.getStatus() == 401) {
                        record(client);
                    }
                    super.succeeded();
                }
            });
        }

        private int recent(String client) {
            Deque<Long> times = failures.get(client);
            if (times == null) {
                return 0;
            }
            synchronized (times) {
                long cutoff = System.nanoTime() - windowNanos;
                while (!times.isEmpty() && times.peekFirst() < cutoff) {
                    times.pollFirst();
                }
                return times.size();
            }
        }

        private void record(String client) {
            Deque<Long> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(System.nanoTime());
            }
        }
    }
}
