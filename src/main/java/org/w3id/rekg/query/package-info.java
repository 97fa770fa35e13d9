/** SPARQL queries run against the store without a server, with table, CSV or JSON output. */
package org.w3id.rekg.query;
