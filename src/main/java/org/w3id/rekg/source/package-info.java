/** Curated source files (YAML) and reference data (CSV) turned into RDF, one named graph per source. */
package org.w3id.rekg.source;
