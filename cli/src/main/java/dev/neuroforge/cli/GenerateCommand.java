package dev.neuroforge.cli;

import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.OutputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code neuroforge generate --config FILE.json --out DIR}: render a config's Verilog. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        exitCodeListHeading = Main.EXIT_HEADING, exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2},
        description = "Render the Verilog of a config into <out>/<name>/ with a filelist and a manifest.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @picocli.CommandLine.Option(names = "--dry-run",
            description = "Print the resolved config (every parameter, defaults filled in), its hash and the modules;"
                    + " write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (!options.outIsUsable(spec.commandLine().getErr())) {
            return CommandLine.ExitCode.USAGE;
        }
        DesignConfig c = options.load(spec.commandLine().getErr());
        if (c == null) {
            return 1;
        }
        Path out = options.out;
        try {
            Design d = c.build();
            if (dryRun) {
                DryRun.print(spec.commandLine().getOut(), c, d, options.out, java.util.Map.of());
                return 0;
            }
            Path dir = DesignWriter.write(d, c.name(), c.block(), c.parameters(), out, options.force, tmp -> { });
            spec.commandLine().getOut().println("wrote " + d.modules().size() + " modules, top " + d.top()
                    + ", to " + dir);
            return 0;
        } catch (OutputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("error: generating " + c.name() + " failed, "
                    + out + " left unchanged: " + ConfigOptions.describe(e));
            return 1;
        }
    }
}
