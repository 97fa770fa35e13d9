/** Reading new documents: text extraction, entity linking against the graph's labels, NIF output and candidate claims for review. */
package org.w3id.rekg.ingest;
