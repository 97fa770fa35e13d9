package org.w3id.rekg.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.source.ReferenceData;
import org.w3id.rekg.pipeline.BuildService;
import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

/** Stores and files the link tests share. */
public final class LinkFixtures {
    public static final Path REPO = Path.of(System.getProperty("rekg.project.dir", ".")).toAbsolutePath();
    public static final Path EXTERNAL = REPO.resolve("../shared/external").normalize();
    public static final Path REFERENCE = REPO.resolve("sources/reference");
    public static final Path RESOURCES = REPO.resolve("src/test/resources/link");

    private LinkFixtures() {}

    /** A file of ../shared/external; the test is skipped if it is not there. */
    public static Path external(String relative) {
        Path p = EXTERNAL.resolve(relative);
        assumeTrue(Files.isRegularFile(p), "no " + p + " (the shared external datasets are not on this machine)");
        return p;
    }

    /** An in-memory store with the ontology and the reference data (states, elements) only: fast. */
    public static Dataset referenceStore() {
        Dataset ds = Store.inMemory();
        DatasetGraph dsg = ds.asDatasetGraph();
        Txn.executeWrite(dsg, () -> referenceGraphs().forEach((n, g) -> GraphUtil.addInto(dsg.getGraph(n), g)));
        return ds;
    }

    private static java.util.Map<org.apache.jena.graph.Node, org.apache.jena.graph.Graph> reference;

    /** The ontology and reference graphs, read once. */
    private static synchronized java.util.Map<org.apache.jena.graph.Node, org.apache.jena.graph.Graph> referenceGraphs() {
        if (reference == null) {
            reference = new java.util.LinkedHashMap<>();
            reference.put(Rekg.GRAPH_ONTOLOGY, RDFParser.source(REPO.resolve("ontology/rekg.ttl")).toGraph());
            reference.putAll(ReferenceData.load(REFERENCE).graphs());
        }
        return reference;
    }

    /** An in-memory store built from this repository's sources, as 'rekg build' makes it. */
    public static Dataset repositoryStore() {
        DatasetGraph built = repository();
        Dataset ds = Store.inMemory();
        Txn.executeWrite(ds, () -> built.find().forEachRemaining(ds.asDatasetGraph()::add));
        return ds;
    }

    private static DatasetGraph repository;

    /** The repository built once per test run, kept in memory. */
    private static synchronized DatasetGraph repository() {
        if (repository == null) {
            Dataset ds = Store.inMemory();
            new BuildService(new ProjectLayout(REPO)).build(ds);
            repository = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
            Txn.executeRead(ds, () -> ds.asDatasetGraph().find().forEachRemaining(repository::add));
            ds.close();
        }
        return repository;
    }

    public static long quads(Dataset ds) {
        return Txn.calculateRead(ds, () -> ds.asDatasetGraph().stream().count());
    }
}
