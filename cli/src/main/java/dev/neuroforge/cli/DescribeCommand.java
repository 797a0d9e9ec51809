package dev.neuroforge.cli;

import dev.neuroforge.config.Blocks;
import dev.neuroforge.generator.JsonParams;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neuroforge describe BLOCK}: a block's parameters, each with its default and what it allows. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        exitCodeListHeading = Main.EXIT_HEADING, exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2},
        description = "Print a block's parameters, each with its type, default and allowed values (from the block's own checks).")
public final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BLOCK", description = "A block name, as --list-blocks shows.")
    String block;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Blocks.Block<?> b = Blocks.named(block).orElse(null);
        if (b == null) {
            spec.commandLine().getErr().println("error: describe " + block + ": no such block; the blocks are "
                    + Blocks.all().stream().map(Blocks.Block::name).collect(Collectors.joining(", ")));
            return CommandLine.ExitCode.USAGE;
        }
        out.println(b.name() + ": " + b.description());
        printParameters(out, b, "  ");
        out.println("Config: {\"name\": \"NAME\", \"" + b.name() + "\": {...}}; nested fields as objects, e.g."
                + " {\"router\": {\"flitWidth\": 32}}.");
        out.flush();
        return 0;
    }

    /** One line per parameter: path, type and default, what it allows. */
    static void printParameters(PrintWriter out, Blocks.Block<?> b, String indent) {
        List<JsonParams.Param> ps = JsonParams.describe(b.name(), b.reader());
        int w = ps.stream().mapToInt(p -> p.path().length()).max().orElse(0);
        int dw = ps.stream().mapToInt(p -> p.dflt() == null ? 8 : p.dflt().length() + 8).max().orElse(0);
        for (JsonParams.Param p : ps) {
            String d = p.dflt() == null ? "required" : "default " + p.dflt();
            out.printf("%s%-" + w + "s  %-7s  %-" + dw + "s  %s%s%n", indent, p.path(), p.type(), d, p.allowed(),
                    p.type().equals("address") ? " (a JSON integer or \"0x...\")" : "");
        }
    }
}
