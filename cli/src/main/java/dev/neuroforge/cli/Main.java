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
        exitCodeListHeading = "%nExit status (generate, describe, fpga, simulate, import-nir, map):%n",
        exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2,
            "run-elf has its own: 0 pass, 1 fail, 2 timeout, 3 bad input, 4 usage error, 5 trap loop",
            "run adds 3: the array differs from the golden model"},
        subcommands = {GenerateCommand.class, DescribeCommand.class, SimulateCommand.class, MapCommand.class,
            RunCommand.class, ImportNirCommand.class, RunElfCommand.class, FpgaCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The exit statuses every command but run-elf shares, for their --help. */
    static final String EXIT_HEADING = "%nExit status:%n";
    static final String EXIT_0 = "0:done";
    static final String EXIT_1 = "1:refused or failed: a bad config, network, events or output folder, a failed check"
            + " (one line on stderr says what and where)";
    static final String EXIT_2 = "2:usage error (unknown option, --steps < 1, --out '', ...)";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--list-blocks",
            description = "List the blocks a config can generate, each parameter with its default and what it allows, and exit.")
    boolean listBlocks;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (listBlocks) {
            for (Blocks.Block<?> b : Blocks.all()) {
                out.printf("%-8s %s%n", b.name(), b.description());
                DescribeCommand.printParameters(out, b, "           ");
            }
            out.println("(neuroforge describe BLOCK: one block; a config names one block, absent fields take the default)");
            out.flush();
            return;
        }
        spec.commandLine().usage(out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine.ITypeConverter<Integer> integer = v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        CommandLine.ITypeConverter<Long> along = v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE);
        cl.registerConverter(Integer.class, integer).registerConverter(Integer.TYPE, integer)
                .registerConverter(Long.class, along).registerConverter(Long.TYPE, along);
        cl.setParameterExceptionHandler(Main::usageError);
        return cl;
    }

    /** A whole number option value; out of range in words rather than Java's type names. */
    private static long whole(String v, long min, long max) {
        java.math.BigInteger n;
        try {
            n = new java.math.BigInteger(v.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + v + "' is not a whole number");
        }
        if (n.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new CommandLine.TypeConversionException("'" + v + "' is too large (at most " + max + ")");
        }
        if (n.compareTo(java.math.BigInteger.valueOf(min)) < 0) {
            throw new CommandLine.TypeConversionException("'" + v + "' is too small (at least " + min + ")");
        }
        return n.longValue();
    }

    /** A usage error in one line (and where to find the options), with the command's own exit status. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        err.println("(" + cl.getCommandSpec().qualifiedName() + " --help lists the options)");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"neuroforge " + Version.get()};
        }
    }
}
