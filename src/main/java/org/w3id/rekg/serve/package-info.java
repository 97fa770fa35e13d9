/** Embedded read-only Fuseki server for REKG: SPARQL endpoint, graph store read, UI and entity pages. */
package org.w3id.rekg.serve;
