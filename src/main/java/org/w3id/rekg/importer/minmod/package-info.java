/** Reads MinMod commodities, deposit types and mineral sites into REKG; never opens the store. */
package org.w3id.rekg.importer.minmod;
