/** The REKG ontology: its namespaces, and what the loader needs to know about its terms. */
package org.w3id.rekg.ontology;
