package org.w3id.rekg.ingest;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * Ingests documents into the store: reads each file ({@link DocumentReader}), detects its
 * language, links its mentions ({@link EntityLinker}), finds candidate claims
 * ({@link ClaimExtractor}) and writes, in one write transaction per document, its NIF graph
 * ({@code graph/doc/<id>}, the id being made from the file name) and its candidates (in
 * {@code graph/review}), replacing what an earlier ingestion of the same file wrote. A document
 * whose bytes, language and gazetteer are those of the stored ingestion is left alone. A file
 * that cannot be read is reported and skipped; the others are still ingested.
 *
 * <pre>{@code
 * IngestService svc = new IngestService(dataset, Gazetteer.load(dataset), IngestService.Options.defaults());
 * List<IngestService.FileResult> rs = svc.ingest(List.of(Path.of("docs/")), done -> { });
 * }</pre>
 */
public final class IngestService {
    /** Bumped when the analysis changes, so that documents are re-ingested. */
    static final String ANALYSIS_VERSION = "1";

    /** Options: size limit, encoding of text files, forced language (null: detect). */
    public record Options(long maxBytes, Charset charset, String lang) {
        public static Options defaults() {
            return new Options(DocumentReader.DEFAULT_MAX_BYTES, StandardCharsets.UTF_8, null);
        }
    }

    public enum Status { NEW, REPLACED, UNCHANGED, FAILED }

    /** What happened to one file. */
    public record FileResult(Path file, String docId, Status status, String lang, int mentions, int candidates, String message) {}

    /** The analysis of one text. */
    public record Analysis(String lang, List<Sentences.Span> sentences, List<Mention> mentions, List<Candidate> candidates) {}

    private final Dataset dataset;
    private final Gazetteer gazetteer;
    private final EntityLinker linker;
    private final ClaimExtractor extractor;
    private final DocumentReader reader;
    private final Options options;

    public IngestService(Dataset dataset, Gazetteer gazetteer, Options options) {
        this.dataset = dataset;
        this.gazetteer = gazetteer;
        this.linker = new EntityLinker(gazetteer);
        this.extractor = new ClaimExtractor(gazetteer);
        this.reader = new DocumentReader(options.maxBytes(), options.charset());
        this.options = options;
    }

    /** Language, sentences, mentions and candidates of a text; touches no store. */
    public Analysis analyse(String text, String lang) {
        String l = lang != null ? lang : LanguageDetector.detect(text);
        List<Mention> mentions = linker.link(text, l);
        List<Sentences.Span> sentences = Sentences.split(text, l);
        return new Analysis(l, sentences, mentions, extractor.extract(text, l, mentions, sentences));
    }

    /** The files named, folders walked for .txt, .md, .html and .pdf files, in a stable order. */
    public static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(DocumentReader::supported).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new RekgException(ErrorCode.USAGE, "cannot list " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new RekgException(ErrorCode.USAGE, "no such file or folder: " + p);
            }
        }
        return out;
    }

    /** The document id of a file: its name without extension, in lower case letters, digits and hyphens. */
    public static String docId(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String slug = java.text.Normalizer.normalize(stem, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            slug = "doc";
        }
        return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-+$", "") : slug;
    }

    /** Ingests every file (folders expanded); {@code done} is called after each file. */
    public List<FileResult> ingest(List<Path> args, Consumer<FileResult> done) {
        List<Path> files = expand(args);
        List<FileResult> out = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path f : files) {
            String id = docId(f);
            Path first = ids.putIfAbsent(id, f);
            FileResult r;
            if (first != null) {
                r = new FileResult(f, id, Status.FAILED, null, 0, 0, f.getFileName()
                        + ": same document id '" + id + "' as " + first + " in this run; rename one of them");
            } else {
                r = ingestOne(f, id);
            }
            out.add(r);
            done.accept(r);
        }
        return out;
    }

    private FileResult ingestOne(Path file, String id) {
        try {
            DocumentReader.Text t = reader.read(file);
            String sha = sha256(Files.readAllBytes(file));
            String fingerprint = sha + "/" + (options.lang() == null ? "auto" : options.lang()) + "/" + gazetteer.digest()
                    + "/" + ANALYSIS_VERSION;
            Node graph = Nif.docGraph(id);
            DatasetGraph dsg = dataset.asDatasetGraph();
            Node fp = NodeFactory.createLiteralString(fingerprint);
            boolean[] existed = new boolean[1];
            boolean same = Txn.calculateRead(dsg, () -> {
                existed[0] = dsg.containsGraph(graph) && !dsg.getGraph(graph).isEmpty();
                return existed[0] && dsg.getGraph(graph).find(Node.ANY, Nif.FINGERPRINT, fp).hasNext();
            });
            if (same) {
                long mentions = Txn.calculateRead(dsg, () -> dsg.getGraph(graph).find(Node.ANY, Nif.TA_IDENT_REF, Node.ANY).toList().size());
                long candidates = Txn.calculateRead(dsg, () -> dsg.getGraph(Nif.REVIEW_GRAPH)
                        .find(Node.ANY, Nif.DOC_ID, NodeFactory.createLiteralString(id)).toList().size());
                return new FileResult(file, id, Status.UNCHANGED, null, (int) mentions, (int) candidates, null);
            }
            Analysis a = analyse(t.text(), options.lang());
            Nif.Document d = new Nif.Document(id, file.getFileName().toString(), sha, fingerprint, t.format(), t.title(),
                    a.lang(), t.text(), a.sentences(), a.mentions(), a.candidates(), t.meta());
            Graph doc = Nif.documentGraph(d);
            Graph review = Nif.reviewTriples(d);
            write(dsg, graph, doc, id, review);
            return new FileResult(file, id, existed[0] ? Status.REPLACED : Status.NEW, a.lang(), a.mentions().size(),
                    a.candidates().size(), null);
        } catch (RekgException e) {
            return new FileResult(file, id, Status.FAILED, null, 0, 0, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new FileResult(file, id, Status.FAILED, null, 0, 0, file.getFileName() + ": " + e);
        }
    }

    /** One transaction: the document's graph and its candidates replace the old ones, or nothing changes. */
    static void write(DatasetGraph dsg, Node graph, Graph doc, String docId, Graph review) {
        try {
            Txn.executeWrite(dsg, () -> {
                dsg.removeGraph(graph);
                GraphUtil.addInto(dsg.getGraph(graph), doc);
                removeCandidates(dsg, docId);
                GraphUtil.addInto(dsg.getGraph(Nif.REVIEW_GRAPH), review);
            });
        } catch (RuntimeException e) {
            throw new RekgException(ErrorCode.STORE, "writing the ingestion of '" + docId + "' failed, nothing was changed: "
                    + e.getMessage(), e);
        }
    }

    /** Removes a document's candidates (and their proposals) from the review graph; inside a write transaction. */
    static void removeCandidates(DatasetGraph dsg, String docId) {
        Graph review = dsg.getGraph(Nif.REVIEW_GRAPH);
        List<Node> cands = review.find(Node.ANY, Nif.DOC_ID, NodeFactory.createLiteralString(docId)).mapWith(Triple::getSubject).toList();
        List<Triple> gone = new ArrayList<>();
        for (Node c : cands) {
            for (Triple t : review.find(c, Node.ANY, Node.ANY).toList()) {
                gone.add(t);
                if (t.getPredicate().equals(Nif.PROPOSES)) {
                    gone.addAll(review.find(t.getObject(), Node.ANY, Node.ANY).toList());
                }
            }
        }
        gone.forEach(review::delete);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }
}
