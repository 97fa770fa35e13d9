package org.w3id.rekg.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFParser;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.TestProject;
import org.w3id.rekg.vocab.OntologyTerms;
import org.w3id.rekg.source.ReferenceData;
import org.w3id.rekg.source.SourceCompiler;
import org.w3id.rekg.source.YamlSource;

/**
 * Property-based fuzzing of the source-file parser and compiler ({@link YamlSource},
 * {@link SourceCompiler}): whatever the input, they either accept it or throw a
 * {@link RekgException}; any other exception is a bug. Run with {@code mvn -Pfuzz test
 * -Dtest='org.w3id.rekg.fuzz.**'}. Inputs that found bugs are kept in the default build as
 * {@code fault.FuzzRegressionTest}.
 */
class SourceParserFuzz {

    static final OntologyTerms TERMS;
    static final Set<String> REFERENCE_IDS;

    static {
        Graph ontology = RDFParser.source(TestProject.REPO.resolve("ontology/rekg.ttl")).toGraph();
        TERMS = new OntologyTerms(ontology);
        REFERENCE_IDS = ReferenceData.load(TestProject.REPO.resolve("sources/reference")).ids();
    }

    /** Parses and compiles {@code text} beside the valid fixture; only a RekgException may come out. */
    static void parseAndCompile(String text) {
        try {
            YamlSource valid = YamlSource.parse(TestProject.VALID, "sources/test.yaml");
            YamlSource fuzzed = YamlSource.parse(text, "sources/fuzz.yaml");
            new SourceCompiler(TERMS, REFERENCE_IDS).compile(List.of(valid, fuzzed));
        } catch (RekgException expected) {
            // a clear error: fine
        }
    }

    @Property(tries = 3000)
    void anyTextGivesARekgExceptionOrAGraph(@ForAll @StringLength(max = 400) String text) {
        parseAndCompile(text);
    }

    @Property(tries = 3000)
    void yamlLikeTextGivesARekgExceptionOrAGraph(@ForAll("yamlish") String text) {
        parseAndCompile(text);
    }

    @Property(tries = 5000)
    void mutatedValidFilesGiveARekgExceptionOrAGraph(@ForAll("mutants") String text) {
        parseAndCompile(text);
    }

    @Property(tries = 3000)
    void recordsWithArbitraryValuesGiveARekgExceptionOrAGraph(@ForAll("records") String text) {
        parseAndCompile(text);
    }

    @Property(tries = 500)
    void arbitraryBytesGiveARekgException(@ForAll byte[] bytes) throws Exception {
        Path f = Files.createTempFile("rekg-fuzz", ".yaml");
        try {
            Files.write(f, bytes);
            try {
                YamlSource fuzzed = YamlSource.parse(f, "sources/fuzz.yaml");
                new SourceCompiler(TERMS, REFERENCE_IDS).compile(List.of(fuzzed));
            } catch (RekgException expected) {
                // fine
            }
        } finally {
            Files.delete(f);
        }
    }

    /** Text made of YAML's own punctuation, keys of the format and words. */
    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> token = Arbitraries.of("source:", "records:", "  ", "    ", "- ", "\n", ":", " ", "{", "}", "[", "]", ",",
                "&a ", "*a", "!!str ", "!!int ", "!!binary ", "? ", "|", ">", "#", "\"", "'", "~", "null", "id: ", "a: ", "at: ",
                "subject: ", "label: ", "share: ", "kind: ", "title: ", "document", "Mine", "Stake", "state/AU", "test-mine",
                "2025-10", "40", "1e400", "-0", "NaN", ".inf", "\t", "\r", "%YAML 1.2\n", "---\n", "...\n", "\u00e9", "\ud83d\ude00",
                "<<: *a", "en", "fr", "\\u0000", "0x1F", "true");
        return token.list().ofMaxSize(80).map(l -> String.join("", l));
    }

    /** The valid fixture with a few random edits: cuts, insertions, repeated or swapped lines. */
    @Provide
    Arbitrary<String> mutants() {
        String valid = TestProject.VALID;
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, valid.length());
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of(":", "-", "{", "}", "[", "]", "\n", "  ", "\t", "&x ", "*x", "!!", "'", "\"", "#", "%", "@", "`", "|", ">",
                        "100.5", "-3", "9999-99-99", "state/ZZ", "P1Y", "1e9", "\u0000", "\ufeff"));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3), pos, pos, insert).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            String s = valid;
            for (Edit e : edits) {
                s = e.apply(s);
            }
            return s;
        });
    }

    record Edit(int kind, int a, int b, String text) {
        String apply(String s) {
            int i = Math.min(a, s.length());
            int j = Math.min(b, s.length());
            int lo = Math.min(i, j);
            int hi = Math.max(i, j);
            return switch (kind) {
                case 0 -> s.substring(0, lo) + s.substring(Math.min(hi, lo + 20));
                case 1 -> s.substring(0, i) + text + s.substring(i);
                case 2 -> {
                    List<String> lines = new ArrayList<>(s.lines().toList());
                    if (lines.isEmpty()) {
                        yield s;
                    }
                    String line = lines.get(i % lines.size());
                    lines.add(j % lines.size(), line);
                    yield String.join("\n", lines) + "\n";
                }
                default -> {
                    List<String> lines = new ArrayList<>(s.lines().toList());
                    if (lines.size() < 2) {
                        yield s;
                    }
                    java.util.Collections.swap(lines, i % lines.size(), j % lines.size());
                    yield String.join("\n", lines) + "\n";
                }
            };
        }
    }

    /** Well-formed files whose records have arbitrary keys and values. */
    @Provide
    Arbitrary<String> records() {
        Arbitrary<String> key = Arbitraries.of("id", "a", "at", "subject", "label", "altLabel", "comment", "wkt", "share", "shareMin",
                "shareMax", "targetShare", "holder", "target", "locatedIn", "operates", "startDate", "announcedOn", "interestKind",
                "appliesTo", "amount", "duration", "url", "status", "stage", "unknownKey");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("test-mine", "state/AU", "element/Nd", "stage/extraction", "interest/shareholding", "Mine", "Stake", "Firm",
                        "2025", "2025-10", "2025-02-30", "40", "100", "100.0001", "-0", "1e2", "0x10", "NaN", "P1Y", "P", "true",
                        "POINT(1 2)", "POINT(", "{en: x}", "{en: [a, b]}", "{xx-yy-zz: x}", "[a, b]", "[]", "{}", "~", "''", "\"§1\"",
                        "http://example.org/x", "javascript:x", "a/b/c", "A-B", "9" .repeat(400)),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        Arbitrary<String> field = Combinators.combine(key, value).as((k, v) -> "    " + k + ": " + v + "\n");
        Arbitrary<String> record = field.list().ofMinSize(1).ofMaxSize(8).map(fs -> "  - " + String.join("", fs).substring(4));
        return record.list().ofMaxSize(4).map(rs -> "source:\n  id: fuzz-doc\n  title: Fuzz\n  kind: background\nrecords:\n" + String.join("", rs));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
