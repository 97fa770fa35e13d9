/** Remote triple stores (Fuseki, Virtuoso, any Graph Store Protocol endpoint): their profiles, reads, streamed writes and the writer lock. */
package org.w3id.rekg.remote;
