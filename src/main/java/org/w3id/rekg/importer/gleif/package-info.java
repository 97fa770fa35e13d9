/** Reads GLEIF LEI records and parent relationships (API JSON, golden-copy CSV) into REKG's ownership model; never opens the store. */
package org.w3id.rekg.importer.gleif;
