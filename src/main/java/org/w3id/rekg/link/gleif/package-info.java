/** Import of GLEIF Level 1 and Level 2 data (API JSON records, golden-copy relationship CSV). */
package org.w3id.rekg.link.gleif;
