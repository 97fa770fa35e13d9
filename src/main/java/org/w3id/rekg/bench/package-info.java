/** {@code rekg bench}: timings of build, server cold start and query latency, each beside its obvious alternative in the same run. */
package org.w3id.rekg.bench;
