/** Ownership chains: effective shares over every path, control, ultimate controllers and their explanation. */
package org.w3id.rekg.ownership;
