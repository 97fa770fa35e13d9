/** The TDB2 store: building it all or nothing, and exporting it. */
package org.w3id.rekg.store;
