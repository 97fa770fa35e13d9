package org.w3id.rekg.cli;

import java.nio.file.Path;
import org.w3id.rekg.remote.RemoteStore;
import picocli.CommandLine.Option;

/** Where a remote store is and how to log in to it: {@code --remote}, {@code --remote-kind}, {@code --remote-user}, {@code --password-file}. */
final class RemoteOptions {
    @Option(names = "--remote", paramLabel = "URL",
            description = "Write to this remote store instead of the local one: a Fuseki dataset (http://host:3030/ds), a Virtuoso"
                    + " server (http://host:8890) or any SPARQL Graph Store Protocol endpoint.")
    String remote;

    @Option(names = "--remote-kind", paramLabel = "KIND",
            description = "fuseki, virtuoso or generic (default: guessed from the URL; generic = the URL is a GSP endpoint).")
    String kind;

    @Option(names = "--remote-user", paramLabel = "USER", description = "User for the remote store (HTTP basic or digest authentication).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the remote user's password (never echoed).")
    Path passwordFile;

    @Option(names = "--take-over", description = "Write even though the store's lock says another run is writing (use when that run died).")
    boolean takeOver;

    boolean given() {
        return remote != null;
    }

    RemoteStore open() {
        return RemoteStore.open(remote, kind, user, passwordFile);
    }
}
