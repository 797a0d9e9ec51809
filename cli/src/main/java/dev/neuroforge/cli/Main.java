package dev.neuroforge.cli;

import dev.neuroforge.config.Blocks;
import dev.neuroforge.generator.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code neuroforge} command line. */
@Command(name = "neuroforge", mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Generate, simulate and verify SENECA-style neuromorphic hardware.",
        subcommands = {GenerateCommand.class, SimulateCommand.class, MapCommand.class, RunCommand.class, ImportNirCommand.class, RunElfCommand.class, FpgaCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--list-blocks", description = "List the blocks a config can generate and exit.")
    boolean listBlocks;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (listBlocks) {
            Blocks.all().forEach(b -> out.printf("%-8s %s%n", b.name(), b.description()));
            out.flush();
            return;
        }
        spec.commandLine().usage(out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"neuroforge " + Version.get()};
        }
    }
}
