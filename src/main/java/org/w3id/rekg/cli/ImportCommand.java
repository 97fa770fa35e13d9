package org.w3id.rekg.cli;

import picocli.CommandLine.Command;

/** {@code rekg import KIND FILE}: real external datasets into named graphs of their own. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a real external dataset into the store, as a named graph of its own.",
                "Importing the same file again replaces its graph; a failed import changes nothing."},
        subcommands = {ImportUsgsCommand.class, ImportMinmodCommand.class, ImportBodsCommand.class, ImportGleifCommand.class})
public final class ImportCommand {
}
