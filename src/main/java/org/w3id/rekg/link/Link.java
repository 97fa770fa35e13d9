package org.w3id.rekg.link;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.SKOS;
import org.w3id.rekg.vocab.Rekg;

/**
 * One link from an entity of REKG to a resource of another dataset: the link triple, how it was
 * made, how sure it is (0–1) and what was compared.
 *
 * @param subject   the REKG entity
 * @param predicate {@code owl:sameAs}, {@code skos:exactMatch} or {@code skos:closeMatch}
 * @param object    the other dataset's resource
 * @param method    how the link was made
 * @param score     0 to 1
 * @param evidence  what was compared, in words ({@code "P297 = CN"})
 */
public record Link(Node subject, Node predicate, Node object, Method method, BigDecimal score, String evidence) {

    public static final Node SAME_AS = OWL.sameAs.asNode();
    public static final Node EXACT_MATCH = SKOS.exactMatch.asNode();
    public static final Node CLOSE_MATCH = SKOS.closeMatch.asNode();

    /** How a link was made: the individuals {@code id:linkmethod/...} of {@code rekg:LinkMethod}. */
    public enum Method {
        IDENTIFIER_MATCH("identifier-match"), LABEL_MATCH("label-match"), BY_HAND("by-hand");

        private final String slug;

        Method(String slug) {
            this.slug = slug;
        }

        public Node node() {
            return Rekg.id("linkmethod/" + slug);
        }

        public String slug() {
            return slug;
        }

        public static Method of(Node n) {
            for (Method m : values()) {
                if (m.node().equals(n)) {
                    return m;
                }
            }
            return null;
        }

        public static Method ofSlug(String s) {
            for (Method m : values()) {
                if (m.slug.equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            return null;
        }
    }

    public Link {
        score = score.setScale(2, RoundingMode.HALF_UP);
    }

    public static Link of(Node subject, Node predicate, String object, Method method, double score, String evidence) {
        return new Link(subject, predicate, NodeFactory.createURI(object), method, BigDecimal.valueOf(score), evidence);
    }

    /** The IRI of the link's description: stable for the same triple in the same link set. */
    public Node node(String linkSet) {
        return Rekg.id("link/" + linkSet + "/" + hash(subject.getURI() + " " + predicate.getURI() + " " + object.getURI()));
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
