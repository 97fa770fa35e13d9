package org.w3id.rekg.source;

import org.w3id.rekg.core.Location;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.w3id.rekg.core.ErrorCode;

/**
 * One curated source file, parsed with SnakeYAML Engine's composer so that every value keeps its
 * line and column. It holds the {@code source:} header and the {@code records:} list, and checks
 * only their shape; {@link SourceCompiler} checks their meaning.
 */
public final class YamlSource {
    private final String file;
    private final Map<String, Entry> header;
    private final List<Map<String, Entry>> records;
    private final Location start;

    /** A key's value and where it stands. */
    public record Entry(String key, Node value, Location location) {}

    private YamlSource(String file, Map<String, Entry> header, List<Map<String, Entry>> records, Location start) {
        this.file = file;
        this.header = header;
        this.records = records;
        this.start = start;
    }

    /** The largest source file read (16 MiB); a larger one is refused before it is read. */
    public static final long MAX_BYTES = 16L << 20;
    /** The deepest nesting of mappings and lists in a source file. */
    public static final int MAX_DEPTH = 64;
    /** The most aliases ({@code *name}) in a source file: curated sources need none. */
    public static final int MAX_ALIASES = 50;

    /**
     * Parses {@code path}, naming it {@code displayName} in errors. Only a regular file of at most
     * {@link #MAX_BYTES} is read: a device, a FIFO, a directory or a link to one is refused first.
     */
    public static YamlSource parse(Path path, String displayName) {
        Location nowhere = new Location(displayName, 0, 0);
        if (!Files.isRegularFile(path)) {
            throw new SourceException(ErrorCode.YAML_SYNTAX, nowhere,
                    "not a regular file (a device, FIFO, directory or a link to one): source files must be plain files");
        }
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new SourceException(ErrorCode.YAML_SYNTAX, nowhere, "the file has " + size
                        + " bytes, more than a source file may have (" + MAX_BYTES + "): split it");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SourceException(ErrorCode.YAML_SYNTAX, nowhere, "cannot read the file: " + e.getMessage());
        }
        return parse(decode(bytes, displayName), displayName);
    }

    /** UTF-8 text, or an error at the line and column of the first byte that is not UTF-8. */
    static String decode(byte[] bytes, String displayName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new SourceException(ErrorCode.YAML_SYNTAX, new Location(displayName, line, column),
                    String.format("not valid UTF-8 text: byte 0x%02X cannot start or continue a character", bytes[bad] & 0xFF));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /**
     * Walks the YAML events (an iterative parser, so that depth cannot overflow the stack) and
     * refuses nesting deeper than {@link #MAX_DEPTH} and more than {@link #MAX_ALIASES} aliases, at
     * the line where the limit is passed.
     */
    private static void checkShape(LoadSettings settings, String text, String displayName) {
        int depth = 0;
        int aliases = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new SourceException(ErrorCode.YAML_SYNTAX, Location.of(displayName, e.getStartMark()),
                                "nested more than " + MAX_DEPTH + " levels deep: a source file needs a few levels only");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Alias -> {
                    if (++aliases > MAX_ALIASES) {
                        throw new SourceException(ErrorCode.YAML_SYNTAX, Location.of(displayName, e.getStartMark()),
                                "more than " + MAX_ALIASES + " aliases (*name): write the values out instead");
                    }
                }
                default -> {}
            }
        }
    }

    /** Parses YAML text, naming it {@code displayName} in errors. */
    public static YamlSource parse(String text, String displayName) {
        LoadSettings settings = LoadSettings.builder().setLabel(displayName).setAllowDuplicateKeys(false).build();
        Optional<Node> root;
        try {
            checkShape(settings, text, displayName);
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Location where = Location.of(displayName, e.getProblemMark());
            throw new SourceException(ErrorCode.YAML_SYNTAX, where, "malformed YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            String msg = String.valueOf(e.getMessage());
            throw new SourceException(ErrorCode.YAML_SYNTAX, new Location(displayName, 0, 0), msg.contains("exceeds the limit")
                    ? "the file is too large for a source file (more than " + settings.getCodePointLimit() + " characters): split it"
                    : "malformed YAML: " + msg);
        }
        Location top = new Location(displayName, 1, 1);
        Node node = root.orElseThrow(() -> new SourceException(ErrorCode.YAML_SYNTAX, top, "the file is empty"));
        Map<String, Entry> doc = mapping(displayName, node, "the file");
        Entry src = doc.get("source");
        if (src == null) {
            throw new SourceException(ErrorCode.YAML_SYNTAX, top, "missing 'source:' header");
        }
        Map<String, Entry> header = mapping(displayName, src.value(), "'source:'");
        for (String key : doc.keySet()) {
            if (!key.equals("source") && !key.equals("records")) {
                throw new SourceException(ErrorCode.YAML_SYNTAX, doc.get(key).location(),
                        "unexpected top-level key '" + key + "' (expected 'source' and 'records')");
            }
        }
        List<Map<String, Entry>> records = new ArrayList<>();
        Entry recs = doc.get("records");
        if (recs != null && !isNull(recs.value())) {
            if (!(recs.value() instanceof SequenceNode seq)) {
                throw new SourceException(ErrorCode.YAML_SYNTAX, recs.location(), "'records:' must be a list");
            }
            for (Node item : seq.getValue()) {
                records.add(mapping(displayName, item, "a record"));
            }
        }
        return new YamlSource(displayName, header, records, top);
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"))
                && s.isPlain();
    }

    static Map<String, Entry> mapping(String file, Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw new SourceException(ErrorCode.YAML_SYNTAX, Location.of(file, node), what + " must be a mapping of keys to values");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Location at = Location.of(file, t.getKeyNode());
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new SourceException(ErrorCode.YAML_SYNTAX, at, "keys must be plain words");
            }
            if (out.containsKey(k.getValue())) {
                throw new SourceException(ErrorCode.YAML_SYNTAX, at, "key '" + k.getValue() + "' appears twice");
            }
            out.put(k.getValue(), new Entry(k.getValue(), t.getValueNode(), at));
        }
        return out;
    }

    public String file() {
        return file;
    }

    public Map<String, Entry> header() {
        return header;
    }

    public List<Map<String, Entry>> records() {
        return records;
    }

    public Location start() {
        return start;
    }
}
