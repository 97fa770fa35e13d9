/**
 * Links to the open data researchers use: identifiers and link sets (with VoID and how each link
 * was made), importers for real external datasets (USGS Mineral Commodity Summaries, MinMod), and
 * a linker that looks up candidates in a Wikidata-shaped SPARQL endpoint. The policy is in
 * {@code docs/linking.md}.
 */
package org.w3id.rekg.link;
