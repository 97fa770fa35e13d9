package org.w3id.rekg.remote;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Who writes a remote store: a token in the graph {@code graph/meta/lock}, changed only by a
 * compare-and-set (one SPARQL Update whose {@code WHERE} requires the token seen when the run
 * started). A run reads the token first; before its first write it swaps it for its own token
 * marked {@code writing}, and when its last write is done marks it {@code ready}. A second
 * writer that started from the same token, or that finds the store being written, is refused
 * with {@link ErrorCode#REMOTE_CONFLICT}; a run that died (or a store killed) half way leaves
 * {@code writing}, which {@code --take-over} clears.
 *
 * <pre>{@code
 * WriterLock lock = new WriterLock(store);
 * WriterLock.State seen = lock.read();
 * String mine = lock.acquire(seen, false);   // ... writes ...
 * lock.release(mine);
 * }</pre>
 */
public final class WriterLock {
    public static final Node GRAPH = Rekg.graph("meta/lock");
    private static final String NS = Rekg.BASE + "build#";

    private final RemoteStore store;

    public WriterLock(RemoteStore store) {
        this.store = store;
    }

    /** The token, whether a run is writing, and since when; {@code token} is null when no run ever wrote. */
    public record State(String token, boolean writing, String since) {}

    /** The current state (no token when the store has no update endpoint: then there is no lock). */
    public State read() {
        if (!store.canUpdate()) {
            return new State(null, false, null);
        }
        RowSetRewindable rows = store.select("SELECT ?t ?s ?since WHERE { GRAPH <" + GRAPH.getURI() + "> { <" + GRAPH.getURI()
                + "> <" + NS + "writerToken> ?t ; <" + NS + "writerState> ?s ; <" + NS + "writerSince> ?since } }", List.of());
        if (!rows.hasNext()) {
            return new State(null, false, null);
        }
        Binding b = rows.next();
        return new State(b.get("t").getLiteralLexicalForm(), "writing".equals(b.get("s").getLiteralLexicalForm()),
                b.get("since").getLiteralLexicalForm());
    }

    /**
     * Swaps the token {@code seen} for a new one marked writing, or refuses: when another run is
     * writing (unless {@code takeOver}) or wrote since {@code seen} was read. Returns the new token.
     */
    public String acquire(State seen, boolean takeOver) {
        if (!store.canUpdate()) {
            return null;
        }
        if (seen.writing() && !takeOver) {
            throw busy(seen);
        }
        String mine = UUID.randomUUID().toString();
        String condition = seen.token() == null ? count("?any") + " FILTER(?n = 0)" : count("\"" + seen.token() + "\"") + " FILTER(?n > 0)";
        swap(condition, mine, "writing");
        State now = read();
        if (!mine.equals(now.token())) {
            throw new RekgException(ErrorCode.REMOTE_CONFLICT, "another REKG run wrote to " + store.display() + " since this one read it"
                    + (now.writing() ? " and is still writing (since " + now.since() + ")" : "")
                    + "; nothing was written by this run. Run the command again once the other run is done.");
        }
        return mine;
    }

    /** Marks the store ready again, if {@code mine} still holds it. */
    public void release(String mine) {
        if (mine == null) {
            return;
        }
        swap(count("\"" + mine + "\"") + " FILTER(?n > 0)", mine, "ready");
        State now = read();
        if (!mine.equals(now.token())) {
            throw new RekgException(ErrorCode.REMOTE_CONFLICT, "another REKG run took over " + store.display()
                    + " (with --take-over) while this one was writing; its writes and this run's are mixed. Run the build again.");
        }
    }

    /** How many tokens {@code token} the lock holds, as ?n (a sub-select: Virtuoso ignores a leading FILTER NOT EXISTS in an update). */
    private static String count(String token) {
        return "{ SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + GRAPH.getURI() + "> { <" + GRAPH.getURI() + "> <" + NS + "writerToken> "
                + token + " } } }";
    }

    private void swap(String condition, String token, String state) {
        String g = "<" + GRAPH.getURI() + ">";
        store.update("DELETE { GRAPH " + g + " { " + g + " ?p ?o } } INSERT { GRAPH " + g + " { " + g + " <" + NS + "writerToken> \""
                + token + "\" ; <" + NS + "writerState> \"" + state + "\" ; <" + NS + "writerSince> \"" + Instant.now() + "\" } }"
                + " WHERE { " + condition + " OPTIONAL { GRAPH " + g + " { " + g + " ?p ?o } } }");
    }

    private RekgException busy(State seen) {
        return new RekgException(ErrorCode.REMOTE_CONFLICT, "another REKG run has been writing to " + store.display() + " since "
                + seen.since() + " and has not finished; nothing was written by this run. Wait for it; if it died (or the store"
                + " was stopped) half way, run this command again with --take-over.");
    }
}
