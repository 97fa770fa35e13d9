/** Errors with stable codes and docs anchors, and the one location format (file, line, column or JSON pointer) every error carries. */
package org.w3id.rekg.core;
