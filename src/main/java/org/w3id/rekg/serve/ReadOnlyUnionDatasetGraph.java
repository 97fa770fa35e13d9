package org.w3id.rekg.serve;

import java.util.Iterator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.JenaTransactionException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphReadOnly;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphReadOnly;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A read-only view of a dataset whose default graph is the union of its named graphs.
 * <p>
 * Writes through the view fail ({@link DatasetGraphReadOnly#getW()}) and write transactions are
 * refused. The default graph seen through the view ({@link #getDefaultGraph()}, quad access with
 * the default graph name) is the union of the named graphs.
 * <p>
 * ARQ runs a query on a {@code DatasetGraphWrapper} by unwrapping it, unless the wrapper is a
 * {@link DatasetGraphWrapperView}. So:
 * <ul>
 * <li>for a TDB2 dataset, {@link #create} returns a plain wrapper: queries go to TDB2's own engine,
 *     which reads the union default graph setting ({@code TDB2.symUnionDefaultGraph}) from the
 *     context given here (the caller puts it there);</li>
 * <li>for any other dataset, it returns a {@link DatasetGraphWrapperView}: the general engine then
 *     runs over this view and sees the union as the default graph.</li>
 * </ul>
 */
class ReadOnlyUnionDatasetGraph extends DatasetGraphReadOnly {

    /** The read-only union view of {@code base}, with {@code context} as its context. */
    static DatasetGraph create(DatasetGraph base, Context context) {
        return TDBInternal.isBackedByTDB(base)
            ? new ReadOnlyUnionDatasetGraph(base, context)
            : new Opaque(base, context);
    }

    /** The view for datasets other than TDB2: not unwrapped by the query engine. */
    private static final class Opaque extends ReadOnlyUnionDatasetGraph implements DatasetGraphWrapperView {
        Opaque(DatasetGraph base, Context context) {
            super(base, context);
        }
    }

    private ReadOnlyUnionDatasetGraph(DatasetGraph base, Context context) {
        super(base, context);
    }

    @Override
    public Graph getDefaultGraph() {
        return new GraphReadOnly(getR().getUnionGraph());
    }

    @Override
    public Graph getGraph(Node graphNode) {
        if ( graphNode == null || Quad.isDefaultGraph(graphNode) )
            return getDefaultGraph();
        return super.getGraph(graphNode);
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        return getR().find(unionIfDefault(g), s, p, o);
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        return find(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        return getR().contains(unionIfDefault(g), s, p, o);
    }

    @Override
    public boolean contains(Quad quad) {
        return contains(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public void begin(ReadWrite mode) {
        if ( mode == ReadWrite.WRITE )
            throw new JenaTransactionException("Read-only dataset: no write transactions");
        super.begin(mode);
    }

    @Override
    public void begin(TxnType type) {
        if ( type == TxnType.WRITE )
            throw new JenaTransactionException("Read-only dataset: no write transactions");
        super.begin(type);
    }

    @Override
    public boolean promote(Promote promoteMode) {
        return false;
    }

    private static Node unionIfDefault(Node g) {
        return ( g != null && Quad.isDefaultGraph(g) ) ? Quad.unionGraph : g;
    }
}
