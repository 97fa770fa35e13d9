/** Reads Beneficial Ownership Data Standard (BODS 0.4) statements into REKG's ownership model; never opens the store. */
package org.w3id.rekg.importer.bods;
