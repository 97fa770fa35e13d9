/** The {@code rekg} command line: one picocli class per command, each calling a service. */
package org.w3id.rekg.cli;
