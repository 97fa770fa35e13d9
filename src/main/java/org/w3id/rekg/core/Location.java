package org.w3id.rekg.core;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** A place in a source file, printed like RDF4J's parse errors: {@code file [line 12, column 5]}. */
public record Location(String file, int line, int column) {

    public static Location of(String file, Node node) {
        return of(file, node.getStartMark());
    }

    public static Location of(String file, Optional<Mark> mark) {
        return mark.map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new Location(file, 0, 0));
    }

    @Override
    public String toString() {
        return line > 0 ? file + " [line " + line + ", column " + column + "]" : file;
    }
}
