/** Import of Beneficial Ownership Data Standard (BODS 0.4) statements into the ownership model. */
package org.w3id.rekg.link.bods;
