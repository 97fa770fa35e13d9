/** The REKG ontology's namespaces and terms, and what the loaders need to know about them. */
package org.w3id.rekg.vocab;
