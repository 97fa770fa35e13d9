/** Reads USGS Mineral Commodity Summaries rare-earth tables into observations; never opens the store. */
package org.w3id.rekg.importer.usgs;
