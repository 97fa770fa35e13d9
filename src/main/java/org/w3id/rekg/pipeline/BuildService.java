package org.w3id.rekg.pipeline;

import org.w3id.rekg.store.ProjectLayout;
import org.w3id.rekg.store.Store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.OntologyTerms;
import org.w3id.rekg.vocab.Rekg;
import org.w3id.rekg.infer.Inferencer;
import org.w3id.rekg.core.Location;
import org.w3id.rekg.source.ReferenceData;
import org.w3id.rekg.source.SourceCompiler;
import org.w3id.rekg.source.YamlSource;

/**
 * Builds the graph: sources → RDF (one named graph per source, one for the ontology) → SHACL
 * validation → OWL inferences into the inferred graph → the store, in one write transaction.
 * Everything is checked before the store is touched, so a failed build changes nothing; a build
 * of unchanged inputs is recognised by the hash of its inputs and writes nothing.
 *
 * <pre>{@code
 * BuildService.Result r = new BuildService(new ProjectLayout(Path.of("."))).build(Store.open(dir));
 * System.out.println(r.quads() + " quads, changed: " + r.changed());
 * }</pre>
 */
public final class BuildService {
    /** Internal vocabulary of the build's metadata graph. */
    static final String BUILD_NS = Rekg.BASE + "build#";
    static final Node INPUT_HASH = NodeFactory.createURI(BUILD_NS + "inputHash");
    static final Node OWNS_GRAPH = NodeFactory.createURI(BUILD_NS + "ownsGraph");
    static final Node BUILD = NodeFactory.createURI(BUILD_NS + "lastBuild");
    /**
     * When the reference datasets were copied into {@code sources/reference/}: the time the build's
     * reference links (made from their identifiers) are dated with, so that a build is reproducible.
     */
    static final java.time.Instant REFERENCE_DATA_RETRIEVED = java.time.Instant.parse("2026-11-25T00:00:00Z");
    /** Bumped when the way sources turn into RDF changes, so that old stores are rebuilt. */
    static final String FORMAT_VERSION = "1";

    private final ProjectLayout layout;
    private final Consumer<String> progress;

    public BuildService(ProjectLayout layout) {
        this(layout, msg -> { });
    }

    public BuildService(ProjectLayout layout, Consumer<String> progress) {
        this.layout = layout;
        this.progress = progress;
    }

    /** What a build did. */
    public record Result(boolean changed, long quads, Map<String, Long> graphs, String hash, long millis) {}

    /** The compiled graph, before it is stored: every named graph by name. */
    public record Compiled(Map<Node, Graph> graphs, String hash) {}

    /** Reads, checks and reasons over every input; touches no store. */
    public Compiled compile() {
        long t0 = System.nanoTime();
        String hash = inputHash();
        Graph ontology = parseTurtle(layout.ontology());
        Graph shapesGraph = parseTurtle(layout.shapes());
        OntologyTerms terms = new OntologyTerms(ontology);
        progress.accept(String.format("read the ontology and shapes (%d ms)", (System.nanoTime() - t0) / 1_000_000));
        ReferenceData reference = ReferenceData.load(layout.reference());
        progress.accept(String.format("read the reference data (%d ms)", (System.nanoTime() - t0) / 1_000_000));
        List<YamlSource> sources = new ArrayList<>();
        for (Path f : layout.sourceFiles()) {
            sources.add(YamlSource.parse(f, layout.display(f)));
        }
        SourceCompiler compiler = new SourceCompiler(terms, reference.ids());
        Map<Node, Graph> graphs = new LinkedHashMap<>();
        graphs.put(Rekg.GRAPH_ONTOLOGY, ontology);
        graphs.putAll(reference.graphs());
        graphs.putAll(compiler.compile(sources));
        progress.accept(String.format("read %d source files (%d ms)",
                sources.size(), (System.nanoTime() - t0) / 1_000_000));

        Graph all = GraphFactory.createDefaultGraph();
        graphs.values().forEach(g -> GraphUtil.addInto(all, g));
        validate(all, shapesGraph, compiler);
        progress.accept(String.format("validated against ontology/shapes.ttl (%d ms)", (System.nanoTime() - t0) / 1_000_000));

        Graph data = GraphFactory.createDefaultGraph();
        graphs.forEach((name, g) -> {
            if (!name.equals(Rekg.GRAPH_ONTOLOGY)) {
                GraphUtil.addInto(data, g);
            }
        });
        graphs.put(Rekg.GRAPH_INFERRED, new Inferencer().infer(ontology, data));
        progress.accept(String.format("inferred %d triples (%d ms)", graphs.get(Rekg.GRAPH_INFERRED).size(),
                (System.nanoTime() - t0) / 1_000_000));
        return new Compiled(graphs, hash);
    }

    /** Builds into {@code dataset}, replacing the graphs an earlier build wrote and leaving any other graph alone. */
    public Result build(Dataset dataset) {
        long t0 = System.nanoTime();
        String hash = inputHash();
        DatasetGraph dsg = dataset.asDatasetGraph();
        String stored = Txn.calculateRead(dsg, () -> storedHash(dsg));
        if (hash.equals(stored)) {
            Map<String, Long> sizes = Txn.calculateRead(dsg, () -> sizes(dsg, ownedGraphs(dsg)));
            long quads = sizes.values().stream().mapToLong(Long::longValue).sum();
            return new Result(false, quads, sizes, hash, (System.nanoTime() - t0) / 1_000_000);
        }
        Compiled compiled = compile();
        try {
            Txn.executeWrite(dsg, () -> {
                for (Node old : ownedGraphs(dsg)) {
                    dsg.removeGraph(old);
                }
                dsg.removeGraph(Rekg.GRAPH_META);
                Graph meta = GraphFactory.createDefaultGraph();
                meta.add(BUILD, INPUT_HASH, NodeFactory.createLiteralString(compiled.hash()));
                compiled.graphs().forEach((name, g) -> {
                    Graph target = dsg.getGraph(name);
                    GraphUtil.addInto(target, g);
                    meta.add(BUILD, OWNS_GRAPH, name);
                });
                GraphUtil.addInto(dsg.getGraph(Rekg.GRAPH_META), meta);
                failpoint("sources");
                // The derived graphs (link sets, ownership) in the same write transaction: a build
                // is all or nothing, so a store never holds sources without what follows from them.
                derive(dataset);
                failpoint("derived");
            });
        } catch (RekgException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            // InternalError: a memory-mapped write that hit a full disk.
            throw new RekgException(ErrorCode.STORE, "writing the store failed, nothing was changed: " + e.getMessage()
                    + " (is the disk full or the folder read-only? Free space or fix the folder, then build again)", e);
        }
        Map<String, Long> sizes = Txn.calculateRead(dsg, () -> sizes(dsg, new ArrayList<>(compiled.graphs().keySet())));
        long quads = sizes.values().stream().mapToLong(Long::longValue).sum();
        progress.accept(String.format("stored %d quads in %d graphs", quads, sizes.size()));
        return new Result(true, quads, sizes, compiled.hash(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * What a build adds once its graphs are in a store: the link sets that follow from the
     * reference data alone (states to Wikidata and GeoNames, elements to MinMod), then the
     * ownership inferences over everything in the store (curated and imported graphs).
     */
    public void derive(Dataset dataset) {
        var links = new org.w3id.rekg.link.ReferenceLinker(dataset, layout.reference()).run(REFERENCE_DATA_RETRIEVED);
        progress.accept(String.format("wrote %d reference links", links.links()));
        failpoint("links");
        new org.w3id.rekg.ownership.ReasonService(null, progress).refresh(dataset);
    }

    /**
     * Fault injection for the tests of an interrupted build: with the system property
     * {@code rekg.failpoint} set to a step's name, the JVM halts there as {@code kill -9} would.
     */
    static void failpoint(String step) {
        if (step.equals(System.getProperty("rekg.failpoint"))) {
            Runtime.getRuntime().halt(137);
        }
    }

    private static String storedHash(DatasetGraph dsg) {
        if (!dsg.containsGraph(Rekg.GRAPH_META)) {
            return null;
        }
        var it = dsg.getGraph(Rekg.GRAPH_META).find(BUILD, INPUT_HASH, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private static List<Node> ownedGraphs(DatasetGraph dsg) {
        if (!dsg.containsGraph(Rekg.GRAPH_META)) {
            return List.of();
        }
        return dsg.getGraph(Rekg.GRAPH_META).find(BUILD, OWNS_GRAPH, Node.ANY).mapWith(t -> t.getObject()).toList();
    }

    private static Map<String, Long> sizes(DatasetGraph dsg, List<Node> names) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Node n : names) {
            out.put(n.getURI(), (long) dsg.getGraph(n).size());
        }
        return out;
    }

    private void validate(Graph data, Graph shapesGraph, SourceCompiler compiler) {
        Shapes shapes;
        try {
            shapes = Shapes.parse(shapesGraph);
        } catch (RuntimeException e) {
            throw new RekgException(ErrorCode.SHACL_VIOLATION, layout.display(layout.shapes()) + ": not valid SHACL: " + e.getMessage(), e);
        }
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
        if (report.conforms()) {
            return;
        }
        StringBuilder msg = new StringBuilder("the graph does not satisfy ontology/shapes.ttl ("
                + report.getEntries().size() + " violation(s)):");
        int shown = 0;
        for (ReportEntry e : report.getEntries()) {
            if (shown++ == 20) {
                msg.append("\n  ...");
                break;
            }
            Location where = compiler.origin(e.focusNode());
            msg.append("\n  ").append(where != null ? where + ": " : "")
                    .append(shortName(e.focusNode())).append(": ").append(e.message());
        }
        throw new RekgException(ErrorCode.SHACL_VIOLATION, msg.toString());
    }

    private static String shortName(Node n) {
        if (n.isURI() && n.getURI().startsWith(Rekg.ID)) {
            return n.getURI().substring(Rekg.ID.length());
        }
        return n.toString();
    }

    private Graph parseTurtle(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RekgException(ErrorCode.USAGE, "missing " + layout.display(file));
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RekgException(ErrorCode.YAML_SYNTAX, layout.display(file) + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read " + layout.display(file) + ": " + e.getMessage(), e);
        }
        try {
            return RDFParser.source(file).toGraph();
        } catch (RiotException e) {
            throw new RekgException(ErrorCode.YAML_SYNTAX, layout.display(file) + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the format version and every input file, in a stable order. */
    public String inputHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(FORMAT_VERSION.getBytes());
            List<Path> files = new ArrayList<>(List.of(layout.ontology(), layout.shapes()));
            try (var ref = Files.list(layout.reference())) {
                files.addAll(ref.sorted().toList());
            }
            files.addAll(layout.sourceFiles());
            for (Path f : files) {
                md.update(layout.display(f).getBytes());
                md.update((byte) 0);
                if (Files.isRegularFile(f)) {
                    md.update(Files.readAllBytes(f));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new RekgException(ErrorCode.USAGE, "cannot read the inputs: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
