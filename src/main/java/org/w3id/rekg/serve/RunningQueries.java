package org.w3id.rekg.serve;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.jena.sparql.exec.QueryExec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queries running now, and a watchdog that turns memory exhaustion into a cancelled query:
 * when the used heap passes the high-water mark, every query that has run for more than a second
 * is aborted (the client gets an error for that query), before the JVM would throw
 * {@code OutOfMemoryError} and leave the server in an unknown state.
 */
final class RunningQueries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningQueries.class);
    /** How often the heap is looked at. */
    static final long POLL_MILLIS = 50;
    /** A query younger than this is left alone: it is unlikely to be the one filling the heap. */
    static final long MIN_AGE_MILLIS = 1000;

    private record Running(QueryExec exec, long startNanos) {}

    private final Map<Thread, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final double highWater;
    private volatile long cancelled;

    RunningQueries(double highWater) {
        this.highWater = highWater;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rekg-memory-guard");
            t.setDaemon(true);
            return t;
        });
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        watchdog.scheduleWithFixedDelay(() -> check(memory), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void started(QueryExec exec) {
        running.put(Thread.currentThread(), new Running(exec, System.nanoTime()));
    }

    void finished() {
        running.remove(Thread.currentThread());
    }

    /** How many queries the guard has cancelled since the server started. */
    long cancelled() {
        return cancelled;
    }

    private void check(MemoryMXBean memory) {
        long max = memory.getHeapMemoryUsage().getMax();
        long used = memory.getHeapMemoryUsage().getUsed();
        if (max <= 0 || used < highWater * max) {
            return;
        }
        long now = System.nanoTime();
        for (Map.Entry<Thread, Running> e : running.entrySet()) {
            Running r = e.getValue();
            if (now - r.startNanos() > TimeUnit.MILLISECONDS.toNanos(MIN_AGE_MILLIS) && running.remove(e.getKey(), r)) {
                r.exec().abort();
                cancelled++;
            }
        }
        LOG.warn("heap {} of {} MB used: cancelled the queries running for over {} ms", used >> 20, max >> 20, MIN_AGE_MILLIS);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
