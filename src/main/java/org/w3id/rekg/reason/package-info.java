/** Reasoning over the graph: OWL inferences materialised into the inferred graph. */
package org.w3id.rekg.reason;
