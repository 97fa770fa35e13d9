package org.w3id.rekg.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/**
 * Reads a document's text: plain text and Markdown as they are (strict decoding, UTF-8 unless
 * told otherwise), HTML with jsoup (the visible text, a paragraph break after each block
 * element), PDF with PDFBox (the text layer). Every bad input is refused with a message that says
 * what is wrong, before anything is written: too large (checked on the file size, nothing is
 * read), empty, binary data, wrong encoding, no text layer, encrypted or damaged PDF.
 *
 * <pre>{@code
 * DocumentReader.Text t = new DocumentReader(20_000_000, StandardCharsets.UTF_8).read(Path.of("report.pdf"));
 * }</pre>
 */
public final class DocumentReader {
    /** Default size limit: 20 MB. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    static final Set<String> TEXT = Set.of("txt", "text");
    static final Set<String> MARKDOWN = Set.of("md", "markdown");
    static final Set<String> HTML = Set.of("html", "htm", "xhtml");
    static final Set<String> PDF = Set.of("pdf");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4",
            "h5", "h6", "tr", "table", "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt",
            "figcaption", "main", "aside", "nav");

    private final long maxBytes;
    private final Charset charset;

    public DocumentReader(long maxBytes, Charset charset) {
        this.maxBytes = maxBytes;
        this.charset = charset;
    }

    public DocumentReader() {
        this(DEFAULT_MAX_BYTES, StandardCharsets.UTF_8);
    }

    /** A document's text, its title (may be null) and its format (txt, md, html, pdf). */
    public record Text(String text, String title, String format, java.util.Map<String, String> meta) {
        public Text(String text, String title, String format) {
            this(text, title, format, java.util.Map.of());
        }
    }

    /**
     * The document's metadata as a source header names it ({@code creator}, {@code publisher},
     * {@code issued}, {@code url}), from HTML meta tags (Open Graph, Dublin Core, article dates,
     * the canonical link) or the PDF's properties; missing keys are left out.
     */
    static java.util.Map<String, String> htmlMeta(org.jsoup.nodes.Document doc) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        first(doc, m, "creator", "meta[name=author]", "meta[name=dc.creator]", "meta[name=DC.creator]", "meta[property=article:author]");
        first(doc, m, "publisher", "meta[property=og:site_name]", "meta[name=dc.publisher]", "meta[name=DC.publisher]", "meta[name=publisher]");
        first(doc, m, "issued", "meta[property=article:published_time]", "meta[name=dc.date]", "meta[name=DC.date]",
                "meta[name=date]", "meta[itemprop=datePublished]", "meta[name=citation_publication_date]");
        first(doc, m, "url", "link[rel=canonical]", "meta[property=og:url]");
        if (m.containsKey("issued")) {
            java.util.regex.Matcher d = java.util.regex.Pattern.compile("^(\\d{4}(?:-\\d{2}(?:-\\d{2})?)?)").matcher(m.get("issued"));
            if (d.find()) {
                m.put("issued", d.group(1));
            } else {
                m.remove("issued");
            }
        }
        if (m.containsKey("url") && !m.get("url").matches("https?://\\S+")) {
            m.remove("url");
        }
        return m;
    }

    private static void first(org.jsoup.nodes.Document doc, java.util.Map<String, String> m, String key, String... selectors) {
        for (String sel : selectors) {
            Element e = doc.selectFirst(sel);
            String v = e == null ? "" : (e.hasAttr("content") ? e.attr("content") : e.attr("href")).strip();
            if (!v.isEmpty()) {
                m.put(key, v);
                return;
            }
        }
    }

    /** Whether {@code file} has an extension this reader handles. */
    public static boolean supported(Path file) {
        String ext = extension(file);
        return TEXT.contains(ext) || MARKDOWN.contains(ext) || HTML.contains(ext) || PDF.contains(ext);
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public Text read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw fail(file, "not a readable file");
        }
        String ext = extension(file);
        if (!supported(file)) {
            throw fail(file, "unsupported file type '." + ext + "' (expected .txt, .md, .html or .pdf)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw fail(file, "cannot read its size: " + e.getMessage());
        }
        if (size == 0) {
            throw fail(file, "the file is empty");
        }
        if (size > maxBytes) {
            throw fail(file, String.format(Locale.ROOT, "too large: %.1f MB, above the limit of %.1f MB (--max-size); not read",
                    size / 1048576.0, maxBytes / 1048576.0));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw fail(file, "cannot read it: " + e.getMessage());
        }
        Text t;
        if (PDF.contains(ext)) {
            t = pdf(file, bytes);
        } else {
            String binary = binary(bytes);
            if (binary != null) {
                throw fail(file, "binary data, not text (" + binary + "); is it really a ." + ext + " file?");
            }
            t = HTML.contains(ext) ? html(file, bytes) : plain(file, bytes, MARKDOWN.contains(ext) ? "md" : "txt");
        }
        if (t.text().isBlank()) {
            throw fail(file, "no text in it (only white space or markup)");
        }
        return t;
    }

    /** Why {@code bytes} look like binary data, or null if they look like text. */
    static String binary(byte[] bytes) {
        int n = Math.min(bytes.length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return "a NUL byte at offset " + i;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
                control++;
            }
        }
        return control > n / 20 ? control + " control bytes in the first " + n : null;
    }

    private Text plain(Path file, byte[] bytes, String format) {
        String text = decode(file, bytes);
        String title = null;
        for (String line : text.split("\n", 50)) {
            String l = line.strip();
            if (format.equals("md") && l.startsWith("#")) {
                title = l.replaceFirst("^#+\\s*", "");
                break;
            }
            if (format.equals("txt") && !l.isEmpty()) {
                title = l.length() > 150 ? null : l; // a long first line is text, not a title
                break;
            }
        }
        return new Text(text, title, format);
    }

    private String decode(Path file, byte[] bytes) {
        CharsetDecoder dec = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String s = dec.decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (MalformedInputException e) {
            int offset = offsetOfBadByte(bytes);
            String hint = charset.equals(StandardCharsets.UTF_8) ? "; if it is Latin-1 (ISO-8859-1), give --encoding ISO-8859-1" : "";
            throw fail(file, "not valid " + charset.name() + " text" + (offset >= 0
                    ? String.format(Locale.ROOT, " (byte 0x%02X at offset %d)", bytes[offset] & 0xFF, offset) : "") + hint);
        } catch (CharacterCodingException e) {
            throw fail(file, "not valid " + charset.name() + " text: " + e.getMessage());
        }
    }

    private int offsetOfBadByte(byte[] bytes) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return -1;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var r = dec.decode(in, out, true);
        return r.isError() ? in.position() : -1;
    }

    private Text html(Path file, byte[] bytes) {
        Document doc;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            doc = Jsoup.parse(in, null, file.toUri().toString());
        } catch (IOException e) {
            throw fail(file, "cannot parse the HTML: " + e.getMessage());
        }
        doc.select("script, style, noscript, template, svg").remove();
        StringBuilder sb = new StringBuilder();
        Element body = doc.body();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode tn) {
                    String s = tn.text();
                    if (!s.isBlank()) {
                        if (sb.length() > 0 && !Character.isWhitespace(sb.charAt(sb.length() - 1)) && Character.isWhitespace(s.charAt(0))) {
                            sb.append(' ');
                        }
                        sb.append(s.strip());
                        if (Character.isWhitespace(s.charAt(s.length() - 1))) {
                            sb.append(' ');
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && BLOCKS.contains(el.normalName())) {
                    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
                        sb.setLength(sb.length() - 1);
                    }
                    if (sb.length() > 0 && !sb.toString().endsWith("\n\n")) {
                        sb.append(el.normalName().equals("br") ? "\n" : "\n\n");
                    }
                }
            }
        });
        Element og = doc.selectFirst("meta[property=og:title]");
        String title = og != null && !og.attr("content").isBlank() ? og.attr("content").strip()
                : doc.title().isBlank() ? null : doc.title().strip();
        if (title == null) {
            Element h1 = doc.selectFirst("h1");
            title = h1 == null ? null : h1.text();
        }
        return new Text(sb.toString().strip(), title, "html", htmlMeta(doc));
    }

    private Text pdf(Path file, byte[] bytes) {
        if (bytes.length < 5 || !new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw fail(file, "not a PDF (it does not start with %PDF-)");
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            stripper.setParagraphEnd("\n");
            String text = stripper.getText(doc);
            if (text.isBlank()) {
                throw fail(file, "no text layer in its " + doc.getNumberOfPages()
                        + " page(s): a scanned PDF? run OCR on it first");
            }
            var info = doc.getDocumentInformation();
            String title = info == null ? null : info.getTitle();
            if (title == null || title.isBlank()) {
                title = shortFirstLine(text);
            }
            java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
            if (info != null) {
                if (info.getAuthor() != null && !info.getAuthor().isBlank()) {
                    meta.put("creator", info.getAuthor().strip());
                }
                java.util.Calendar c = info.getCreationDate();
                if (c != null) {
                    meta.put("issued", String.format("%04d-%02d-%02d", c.get(java.util.Calendar.YEAR),
                            c.get(java.util.Calendar.MONTH) + 1, c.get(java.util.Calendar.DAY_OF_MONTH)));
                }
            }
            return new Text(text, title, "pdf", meta);
        } catch (InvalidPasswordException e) {
            throw fail(file, "the PDF is encrypted and needs a password");
        } catch (IOException e) {
            throw fail(file, "damaged or unreadable PDF: " + e.getMessage());
        }
    }

    /** The first line of a text when it is short enough to be a title (at most 150 characters), else null. */
    static String shortFirstLine(String text) {
        String l = text.strip().lines().findFirst().orElse("").strip();
        return l.isEmpty() || l.length() > 150 ? null : l;
    }

    static RekgException fail(Path file, String why) {
        return new RekgException(ErrorCode.INGEST_INPUT, file.getFileName() + ": " + why);
    }
}
