package org.w3id.rekg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.vocab.Rekg;

class IngestServiceTest {
    private static Dataset ds;

    @TempDir
    Path dir;

    @BeforeAll
    static void store() {
        ds = TestGraph.dataset(); // shared: every test here uses documents of its own names
    }

    private static IngestService service() {
        return new IngestService(ds, TestGraph.gazetteer(), IngestService.Options.defaults());
    }

    private static List<IngestService.FileResult> ingest(Path... files) {
        return service().ingest(List.of(files), r -> { });
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Set<String> linked(String docId) {
        DatasetGraph dsg = ds.asDatasetGraph();
        return Txn.calculateRead(dsg, () -> {
            Set<String> out = new TreeSet<>();
            dsg.getGraph(Nif.docGraph(docId)).find(Node.ANY, Nif.TA_IDENT_REF, Node.ANY)
                    .forEach(t -> out.add(t.getObject().getURI().substring(Rekg.ID.length())));
            return out;
        });
    }

    private static boolean hasGraph(String docId) {
        DatasetGraph dsg = ds.asDatasetGraph();
        return Txn.calculateRead(dsg, () -> !dsg.getGraph(Nif.docGraph(docId)).isEmpty());
    }

    private static void pdf(Path file, String text, boolean image) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                if (text != null) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
                if (image) {
                    BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
                    img.getGraphics().drawString("China", 10, 50);
                    cs.drawImage(LosslessFactory.createFromImage(doc, img), 72, 500);
                }
            }
            doc.setDocumentInformation(new org.apache.pdfbox.pdmodel.PDDocumentInformation());
            doc.getDocumentInformation().setTitle(text == null ? null : "A test PDF");
            doc.save(file.toFile());
        }
    }

    @Test
    void ingestsTextMarkdownHtmlAndPdfEachIntoItsOwnGraph() throws IOException {
        Path txt = write("fmt-text.txt", "China restricts exports of gallium.\n");
        Path md = write("fmt-mark.md", "# Notes\n\nLa **Chine** et l'*Estonie* raffinent des terres rares.\n");
        Path html = write("fmt-page.html", "<html><head><title>Page</title><script>var Japan = 1;</script></head>"
                + "<body><h1>Lynas</h1><p>The <b>Mount Weld mine</b> is in Western Australia.</p></body></html>");
        Path pdf = dir.resolve("fmt-scan.pdf");
        pdf(pdf, "MP Materials sells magnets to the Pentagon.", false);
        List<IngestService.FileResult> rs = ingest(dir);
        assertEquals(List.of("NEW", "NEW", "NEW", "NEW"), rs.stream().map(r -> r.status().name()).toList());
        assertEquals(Set.of("state/CN", "element/Ga"), linked("fmt-text"));
        assertEquals(Set.of("state/CN", "state/EE", "rare-earths"), linked("fmt-mark"));
        assertEquals(Set.of("lynas-rare-earths", "mount-weld", "western-australia"), linked("fmt-page"));
        assertEquals(Set.of("mp-materials", "us-dod"), linked("fmt-scan"));
        assertEquals(List.of("fr", "en", "en", "en"), rs.stream().map(IngestService.FileResult::lang).toList());
        assertTrue(txt.toFile().exists() && md.toFile().exists() && html.toFile().exists());
    }

    @Test
    void writesNifContextSentencesAndMentionsWhoseOffsetsFitTheText() throws IOException {
        String text = "Le Japon et la Chine.\n\nLynas exploite la mine de Mount Weld.";
        ingest(write("nif-doc.txt", text));
        DatasetGraph dsg = ds.asDatasetGraph();
        Txn.executeRead(dsg, () -> {
            Graph g = dsg.getGraph(Nif.docGraph("nif-doc"));
            Node ctx = Nif.context("nif-doc", text.length());
            assertTrue(g.contains(ctx, org.apache.jena.vocabulary.RDF.type.asNode(), Nif.CONTEXT));
            assertEquals(text, g.find(ctx, Nif.IS_STRING, Node.ANY).next().getObject().getLiteralLexicalForm());
            assertEquals("fr", g.find(ctx, Nif.DCT_LANGUAGE, Node.ANY).next().getObject().getLiteralLexicalForm());
            assertEquals(64, g.find(ctx, Nif.SHA256, Node.ANY).next().getObject().getLiteralLexicalForm().length());
            assertEquals(2, g.find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(), Nif.SENTENCE).toList().size());
            List<Node> mentions = g.find(Node.ANY, Nif.TA_IDENT_REF, Node.ANY).mapWith(t -> t.getSubject()).toList();
            assertEquals(4, mentions.size());
            for (Node m : mentions) {
                int b = Integer.parseInt(g.find(m, Nif.BEGIN, Node.ANY).next().getObject().getLiteralLexicalForm());
                int e = Integer.parseInt(g.find(m, Nif.END, Node.ANY).next().getObject().getLiteralLexicalForm());
                assertEquals(text.substring(b, e), g.find(m, Nif.ANCHOR, Node.ANY).next().getObject().getLiteralLexicalForm());
                assertTrue(g.contains(m, Nif.REFERENCE_CONTEXT, ctx));
                assertTrue(g.find(m, Nif.TA_CONFIDENCE, Node.ANY).hasNext());
            }
        });
    }

    @Test
    void theSameFileAgainChangesNothingAndAChangedFileReplacesItsGraph() throws IOException {
        Path f = write("idem.txt", "In 2023 China restricted exports of gallium and germanium.");
        assertEquals(IngestService.Status.NEW, ingest(f).get(0).status());
        DatasetGraph dsg = ds.asDatasetGraph();
        Graph before = Txn.calculateRead(dsg, () -> copy(dsg.getGraph(Nif.docGraph("idem"))));
        int reviewBefore = Txn.calculateRead(dsg, () -> dsg.getGraph(Nif.REVIEW_GRAPH).size());
        assertEquals(IngestService.Status.UNCHANGED, ingest(f).get(0).status());
        assertTrue(Txn.calculateRead(dsg, () -> before.isIsomorphicWith(dsg.getGraph(Nif.docGraph("idem")))));
        assertEquals(reviewBefore, (int) Txn.calculateRead(dsg, () -> dsg.getGraph(Nif.REVIEW_GRAPH).size()));

        Files.writeString(f, "Japan and Vietnam trade lithium.");
        assertEquals(IngestService.Status.REPLACED, ingest(f).get(0).status());
        assertEquals(Set.of("state/JP", "state/VN", "element/Li"), linked("idem"));
        assertEquals(0, (int) Txn.calculateRead(dsg, () -> dsg.getGraph(Nif.REVIEW_GRAPH)
                .find(Node.ANY, Nif.DOC_ID, NodeFactory.createLiteralString("idem")).toList().size()));
    }

    private static Graph copy(Graph g) {
        Graph out = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        return out;
    }

    /** Ingests {@code bad} beside a good file; checks the message, that the good one is in and nothing of the bad one. */
    private void refused(Path bad, String expected) throws IOException {
        Path good = write("good-" + bad.getFileName().toString().replaceAll("\\W", "") + ".txt", "Lynas works in Malaysia.");
        List<IngestService.FileResult> rs = ingest(bad, good);
        IngestService.FileResult r = rs.get(0);
        assertEquals(IngestService.Status.FAILED, r.status());
        assertTrue(r.message().startsWith(bad.getFileName() + ": ") && r.message().contains(expected), r.message());
        assertFalse(hasGraph(IngestService.docId(bad)));
        assertEquals(IngestService.Status.NEW, rs.get(1).status());
        assertTrue(hasGraph(IngestService.docId(good)));
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        refused(write("empty.txt", ""), "the file is empty");
    }

    @Test
    void aScannedPdfWithoutTextLayerIsRefused() throws IOException {
        Path p = dir.resolve("scan.pdf");
        pdf(p, null, true);
        refused(p, "no text layer");
    }

    @Test
    void latin1BytesInATextFileAreRefusedWithAHint() throws IOException {
        Path p = dir.resolve("latin.txt");
        Files.write(p, "La Chine et l'Estonie ont sign\u00e9 un accord.".getBytes(StandardCharsets.ISO_8859_1));
        refused(p, "not valid UTF-8 text (byte 0xE9 at offset 30); if it is Latin-1 (ISO-8859-1), give --encoding ISO-8859-1");
    }

    @Test
    void latin1TextIsReadWhenItsEncodingIsGiven() throws IOException {
        Path p = dir.resolve("latin-ok.txt");
        Files.write(p, "La Chine et l'Estonie ont sign\u00e9 un accord.".getBytes(StandardCharsets.ISO_8859_1));
        IngestService s = new IngestService(ds, TestGraph.gazetteer(),
                new IngestService.Options(DocumentReader.DEFAULT_MAX_BYTES, StandardCharsets.ISO_8859_1, null));
        assertEquals(IngestService.Status.NEW, s.ingest(List.of(p), r -> { }).get(0).status());
        assertEquals(Set.of("state/CN", "state/EE"), linked("latin-ok"));
    }

    @Test
    void aHundredMegabyteFileIsRefusedWithoutBeingRead() throws IOException {
        Path p = dir.resolve("huge.txt");
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(100L * 1024 * 1024); // sparse: nothing is written, nothing need be read
        }
        refused(p, "too large: 100.0 MB, above the limit of 20.0 MB (--max-size); not read");
    }

    @Test
    void aBinaryFileRenamedTxtIsRefused() throws IOException {
        Path p = dir.resolve("image.txt");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        Files.write(p, png);
        refused(p, "binary data, not text (a NUL byte at offset 8)");
    }

    @Test
    void aPdfThatIsNotOneIsRefused() throws IOException {
        refused(write("fake.pdf", "just text"), "not a PDF");
    }
}
