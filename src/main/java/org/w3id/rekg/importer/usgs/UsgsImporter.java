package org.w3id.rekg.importer.usgs;

import org.w3id.rekg.link.CountryNames;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;
import org.w3id.rekg.vocab.Rekg;

/**
 * Imports the world table of a USGS Mineral Commodity Summaries data release (for example
 * {@code mcs2024-raree_world.csv}, rare earths): each state's mine production per year and its
 * reserves become {@code rekg:FigureObservation}s ({@code rekg:indicator} mine production or
 * reserves, {@code rekg:value}, {@code rekg:unit}, {@code rekg:year}) of {@code id:rare-earths}, in
 * the named graph {@code graph/import/usgs/<file name>}, each with its claim (the CSV row).
 *
 * <p>The file's quirks are expected: a byte-order mark, trailing empty columns, blank rows, "NA"
 * for no figure, country names USGS's way ("Burma", matched through {@link CountryNames}) and a
 * "World total (rounded)" row, which is kept as the world figure ({@code rekg:scope "world"}, no
 * actor). A row naming a country REKG does not know is an error, not a silent skip.
 *
 * <pre>{@code
 * Graph g = UsgsImporter.read(Path.of("mcs2024-raree_world.csv"), CountryNames.from(dataset));
 * }</pre>
 */
public final class UsgsImporter {
    public static final String KIND = "usgs";
    static final List<String> REQUIRED = List.of("Source", "Country", "Type", "Reserves_t");
    private static final Pattern PRODUCTION = Pattern.compile("Prod_t(_est)?_(\\d{4})");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+|[0-9]+(\\.[0-9]+)?");
    public static final Node PRODUCTION_INDICATOR = Rekg.id("indicator/mine-production");
    public static final Node RESERVES_INDICATOR = Rekg.id("indicator/reserves");

    private UsgsImporter() {}

    /** The graph {@code file} gives; touches no store. */
    public static Graph read(Path file, CountryNames countries) {
        if (!Files.isRegularFile(file)) {
            throw new RekgException(ErrorCode.USAGE, "no such file: " + file);
        }
        String name = file.getFileName().toString();
        Graph g = GraphFactory.createDefaultGraph();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = BOMInputStream.builder().setInputStream(raw).get();
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder());
             CSVParser p = format.parse(reader)) {
            List<String> header = p.getHeaderNames();
            List<String> missing = new ArrayList<>();
            for (String col : REQUIRED) {
                if (!header.contains(col)) {
                    missing.add(col);
                }
            }
            Map<String, String> years = new LinkedHashMap<>();
            for (String h : header) {
                Matcher m = PRODUCTION.matcher(h);
                if (m.matches()) {
                    years.put(h, m.group(2));
                }
            }
            if (years.isEmpty()) {
                missing.add("Prod_t_est_YYYY (one per year)");
            }
            if (!missing.isEmpty()) {
                throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a USGS Mineral Commodity Summaries world table: missing column(s) "
                        + String.join(", ", missing) + " (found: " + String.join(", ", header.stream().filter(h -> !h.isBlank()).toList()) + ")");
            }
            List<CSVRecord> records = p.getRecords().stream().filter(r -> !blank(r)).toList();
            if (records.isEmpty()) {
                throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": no figure found in the file");
            }
            String edition = editionOf(records.get(0).get("Source") + " " + name);
            Node source = source(g, edition, name);
            int rows = 0;
            for (CSVRecord r : records) {
                String where = name + " row " + (r.getRecordNumber() + 1);
                String country = r.get("Country");
                String type = r.get("Type");
                if (country.isEmpty()) {
                    throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": the Country cell is empty");
                }
                Node actor = null;
                String scope;
                String lower = country.toLowerCase(Locale.ROOT);
                if (lower.startsWith("world total")) {
                    scope = "world";
                } else if (lower.startsWith("other countries")) {
                    scope = "other countries";
                } else {
                    actor = countries.find(country);
                    if (actor == null) {
                        throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": no state is called '" + country
                                + "' (add the name to country-aliases.csv if it is another name of a state REKG knows)");
                    }
                    scope = null;
                }
                String unit = unit(type, where);
                String key = actor != null ? countries.alpha2(actor) : scope.replace(' ', '-');
                String notes = r.isMapped("Prod_notes") ? r.get("Prod_notes") : "";
                for (Map.Entry<String, String> y : years.entrySet()) {
                    BigDecimal v = number(r.get(y.getKey()), where, y.getKey());
                    if (v != null) {
                        observation(g, source, edition, "mine-production", PRODUCTION_INDICATOR, actor, scope, key, y.getValue(),
                                v, unit, notes, where, country);
                        rows++;
                    }
                }
                BigDecimal reserves = number(r.get("Reserves_t"), where, "Reserves_t");
                if (reserves != null) {
                    String rnotes = r.isMapped("Reserves_notes") ? r.get("Reserves_notes") : "";
                    observation(g, source, edition, "reserves", RESERVES_INDICATOR, actor, scope, key, null,
                            reserves, unit, rnotes, where, country);
                    rows++;
                }
            }
            if (rows == 0) {
                throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": no figure found in the file");
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a readable UTF-8 CSV file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, file + ": not a USGS world table: " + e.getMessage(), e);
        }
        return g;
    }

    private static boolean blank(CSVRecord r) {
        for (String v : r) {
            if (!v.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** "... rare-earth-oxide equivalent, metric tons" → "t REO"; other metric-ton tables → "t". */
    private static String unit(String type, String where) {
        String t = type.toLowerCase(Locale.ROOT);
        if (!t.contains("metric tons")) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ": the Type cell does not give the unit (expected '... metric tons'), got '" + type + "'");
        }
        return t.contains("rare-earth-oxide equivalent") ? "t REO" : "t";
    }

    private static BigDecimal number(String cell, String where, String column) {
        String v = cell == null ? "" : cell.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("NA") || v.equals("W") || v.equals("--") || v.equals("XX")) {
            return null; // no figure: not available, withheld, zero-or-none
        }
        if (!NUMBER.matcher(v).matches()) {
            throw new RekgException(ErrorCode.IMPORT_FORMAT, where + ", column " + column + ": not a number: '" + v + "'");
        }
        return new BigDecimal(v.replace(",", ""));
    }

    private static void observation(Graph g, Node source, String edition, String slug, Node indicator, Node actor, String scope,
                                    String key, String year, BigDecimal value, String unit, String notes, String where, String country) {
        String id = "usgs-" + edition + "/" + slug + "/" + key + (year != null ? "/" + year : "");
        Node s = Rekg.id(id);
        g.add(s, RDF.type.asNode(), Rekg.term("FigureObservation"));
        g.add(s, Rekg.term("indicator"), indicator);
        if (actor != null) {
            g.add(s, Rekg.term("observedActor"), actor);
        } else {
            g.add(s, Rekg.term("scope"), NodeFactory.createLiteralString(scope));
        }
        g.add(s, Rekg.term("material"), Rekg.id("rare-earths"));
        if (indicator.equals(PRODUCTION_INDICATOR)) {
            g.add(s, Rekg.term("stage"), Rekg.id("stage/extraction"));
        }
        g.add(s, Rekg.term("value"), NodeFactory.createLiteralDT(value.toPlainString(), XSDDatatype.XSDdecimal));
        g.add(s, Rekg.term("unit"), NodeFactory.createLiteralString(unit));
        if (year != null) {
            g.add(s, Rekg.term("year"), NodeFactory.createLiteralDT(year, XSDDatatype.XSDgYear));
        }
        String what = slug.equals("reserves") ? "rare-earth reserves" : "rare-earth mine production";
        String quoi = slug.equals("reserves") ? "réserves de terres rares" : "production minière de terres rares";
        String yr = year != null ? " " + year : "";
        g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(country + ": " + what + yr + " (USGS MCS " + edition + ")", "en"));
        g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(country + " : " + quoi + yr + " (USGS MCS " + edition + ")", "fr"));
        if (notes != null && !notes.isBlank()) {
            g.add(s, RDFS.comment.asNode(), NodeFactory.createLiteralLang(notes.replace('\u00a0', ' '), "en"));
        }
        Node claim = Rekg.claim(id);
        g.add(claim, RDF.type.asNode(), Rekg.term("Claim"));
        g.add(claim, Rekg.term("about"), s);
        g.add(claim, NodeFactory.createURI(Rekg.PROV + "wasDerivedFrom"), source);
        g.add(claim, Rekg.term("locator"), NodeFactory.createLiteralString(where + " (" + country + ")"));
    }

    private static Node source(Graph g, String edition, String fileName) {
        Node s = Rekg.source("usgs-mcs" + edition);
        g.add(s, RDF.type.asNode(), Rekg.term("SourceDocument"));
        String title = "USGS Mineral Commodity Summaries " + edition + ", world mine production and reserves (" + fileName + ")";
        g.add(s, DCTerms.title.asNode(), NodeFactory.createLiteralString(title));
        g.add(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(title, "en"));
        g.add(s, DCTerms.publisher.asNode(), NodeFactory.createLiteralString("U.S. Geological Survey"));
        if (!edition.equals("unknown")) {
            g.add(s, DCTerms.issued.asNode(), NodeFactory.createLiteralDT(edition, XSDDatatype.XSDgYear));
        }
        g.add(s, Rekg.term("sourceKind"), Rekg.id("sourcekind/reference"));
        return s;
    }

    /** The edition year in the Source cell ({@code MCS2024}) or else the file name ({@code mcs2024-raree_world.csv}). */
    static String editionOf(String text) {
        Matcher m = Pattern.compile("mcs(\\d{4})").matcher(text.toLowerCase(Locale.ROOT));
        return m.find() ? m.group(1) : "unknown";
    }
}
