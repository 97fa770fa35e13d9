/** REKG, the rare-earth knowledge graph: shared error type and entry points of the feature packages. */
package org.w3id.rekg;
