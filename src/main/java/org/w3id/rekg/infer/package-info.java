/** OWL rule inferences materialised into the inferred graph. */
package org.w3id.rekg.infer;
