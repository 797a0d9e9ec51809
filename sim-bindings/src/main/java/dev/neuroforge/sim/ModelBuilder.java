package dev.neuroforge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Verilates a {@link ModelSpec} together with the generated C shim into a shared library, and
 * caches the result under a key hashed from the sources, the spec, the shim and the Verilator
 * version: a test suite compiles each configuration once, and later runs not at all.
 *
 * <p>The cache folder is {@code $NEUROFORGE_SIM_CACHE}, else the system property
 * {@code neuroforge.sim.cache}, else {@code ~/.cache/neuroforge/verilator}. Entries are built in a
 * temporary folder and renamed into place, so concurrent builds never see half a model.
 */
public final class ModelBuilder {
    /** Bump when the build recipe changes, so old cache entries are not reused. */
    private static final String RECIPE = "nf-shim-3";
    private static final String CFLAGS = "-fPIC -fvisibility=hidden -O2";
    private static final String LIB = "libnfmodel.so";
    /** Builds in progress, deleted by a shutdown hook if the JVM exits during one (the JVM's state). */
    private static final java.util.Set<Path> BUILDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> BUILDING.forEach(p -> {
            try {
                deleteTree(p);
            } catch (RuntimeException e) {
                // the next build of the same key starts afresh in its own folder
            }
        }), "neuroforge-model-cleanup"));
    }
    private static final Pattern PORT = Pattern.compile(
            "VL_(IN|OUT|INOUT)(8|16|64|W)?\\(&(\\w+),(\\d+),(\\d+)(?:,(\\d+))?\\);");

    private ModelBuilder() {
    }

    /** A built model: the shared library and its port table. */
    public record Built(Path library, List<PortInfo> ports, String key) {
    }

    public static Path cacheRoot() {
        String env = System.getenv("NEUROFORGE_SIM_CACHE");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String prop = System.getProperty("neuroforge.sim.cache");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "neuroforge", "verilator");
    }

    /** Returns the cached build of {@code spec}, building it first if needed. */
    public static Built build(ModelSpec spec) {
        Verilator v = Verilator.find();
        String shim = resource("nf_shim.cpp");
        String key = spec.top() + "-" + key(spec, v, shim).substring(0, 20);
        Path dir = cacheRoot().resolve(key);
        if (!Files.exists(dir.resolve(LIB))) {
            buildInto(spec, v, shim, dir);
        }
        return new Built(dir.resolve(LIB), readPorts(dir.resolve("ports.tsv")), key);
    }

    private static void buildInto(ModelSpec spec, Verilator v, String shim, Path dir) {
        Path tmp;
        try {
            Files.createDirectories(dir.getParent());
            cleanLeftovers(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-");
            BUILDING.add(tmp);
        } catch (IOException e) {
            throw new SimBuildException("cannot create the model cache folder under " + dir.getParent()
                    + " (set NEUROFORGE_SIM_CACHE to a writable folder): " + e.getMessage(), e);
        }
        try {
            Path obj = tmp.resolve("obj");
            Path shimDir = tmp.resolve("shim");
            Files.createDirectories(shimDir);
            List<String> common = new ArrayList<>(List.of("--cc", "--Mdir", obj.toString(),
                    "--top-module", spec.top(), spec.traceFormat().verilatorFlag()));
            common.addAll(spec.extraFlags());
            List<String> srcs = spec.sources().stream().map(p -> p.toAbsolutePath().toString()).toList();

            List<String> first = new ArrayList<>(common);
            first.addAll(srcs);
            long t0 = System.nanoTime();
            System.err.println("neuroforge: Verilating " + spec.top() + " (first run of this configuration; cached in "
                    + dir.getParent() + " afterwards)...");
            v.run(first, tmp, "Verilating " + spec.top());
            List<PortInfo> ports = parsePorts(Files.readString(obj.resolve("V" + spec.top() + ".h")), spec.top());
            Files.writeString(shimDir.resolve("nf_ports.h"), portsHeader(spec, ports));
            Files.writeString(shimDir.resolve("nf_shim.cpp"), shim);

            List<String> second = new ArrayList<>(common);
            second.addAll(List.of("--exe", "--build", "-j", "2",
                    "-CFLAGS", CFLAGS + " -I" + shimDir + (spec.traceFormat() == TraceFormat.FST ? " -DNF_TRACE_FST" : ""),
                    "-LDFLAGS", "-shared -Wl,--exclude-libs,ALL",
                    "-o", LIB, shimDir.resolve("nf_shim.cpp").toString()));
            second.addAll(srcs);
            System.err.printf(java.util.Locale.ROOT, "neuroforge: Verilated %s in %.1f s; compiling its C++...%n",
                    spec.top(), (System.nanoTime() - t0) / 1e9);
            v.run(second, tmp, "Building the shared library of " + spec.top());
            System.err.printf(java.util.Locale.ROOT, "neuroforge: model of %s built in %.1f s%n", spec.top(),
                    (System.nanoTime() - t0) / 1e9);

            Files.move(obj.resolve(LIB), tmp.resolve(LIB));
            Files.writeString(tmp.resolve("ports.tsv"), portsTsv(ports));
            Files.writeString(tmp.resolve("spec.txt"), describe(spec, v) + "sources=" + spec.sources() + "\n");
            deleteTree(obj);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another process built the same key first: its build is as good as ours.
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        } catch (IOException e) {
            throw new SimBuildException("building " + spec.top() + " in " + tmp + " failed: " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
            BUILDING.remove(tmp);
        }
    }

    /** Reads the ports from the Verilated class header ({@code VL_IN8(&clk_i,0,0);} and friends). */
    static List<PortInfo> parsePorts(String header, String top) {
        List<PortInfo> ports = new ArrayList<>();
        Matcher m = PORT.matcher(header);
        while (m.find()) {
            if (m.group(1).equals("INOUT")) {
                throw new SimBuildException(top + " has inout port " + m.group(3) + "; the shim supports inputs and outputs only");
            }
            int msb = Integer.parseInt(m.group(4));
            int lsb = Integer.parseInt(m.group(5));
            ports.add(new PortInfo(ports.size(), m.group(3), msb - lsb + 1, m.group(1).equals("IN")));
        }
        if (ports.isEmpty()) {
            throw new SimBuildException("no ports found in the Verilated header of " + top);
        }
        return ports;
    }

    private static String portsHeader(ModelSpec spec, List<PortInfo> ports) {
        String cls = "V" + spec.top();
        StringBuilder b = new StringBuilder();
        b.append("// Generated by NeuroForge sim-bindings for ").append(spec.top()).append(".\n");
        b.append("#include \"").append(cls).append(".h\"\n");
        b.append("typedef ").append(cls).append(" nf_top_t;\n");
        b.append("#define NF_TOP_NAME \"").append(spec.top()).append("\"\n");
        b.append("#define NF_PORT_COUNT ").append(ports.size()).append('\n');
        b.append("#define NF_CLOCK_ID ").append(find(ports, spec.clock(), "clock", spec).id()).append('\n');
        b.append("#define NF_RESET_ID ").append(find(ports, spec.reset(), "reset", spec).id()).append('\n');
        b.append("#define NF_RESET_ACTIVE ").append(spec.resetActiveLow() ? 0 : 1).append('\n');
        b.append("static const nf_port_info NF_PORTS[NF_PORT_COUNT] = {\n");
        for (PortInfo p : ports) {
            b.append("    {\"").append(p.name()).append("\", ").append(p.width()).append(", ")
                    .append(p.input() ? 0 : 1).append(", ").append(kind(p.width())).append("},\n");
        }
        b.append("};\n");
        b.append("static void* nf_port_addr(nf_top_t* m, int id) {\n    switch (id) {\n");
        for (PortInfo p : ports) {
            b.append("        case ").append(p.id()).append(": return ")
                    .append(kind(p.width()) == 0 ? "m->" + p.name() + ".data()" : "&m->" + p.name()).append(";\n");
        }
        b.append("    }\n    return 0;\n}\n");
        return b.toString();
    }

    private static PortInfo find(List<PortInfo> ports, String name, String role, ModelSpec spec) {
        for (PortInfo p : ports) {
            if (p.name().equals(name)) {
                if (p.width() != 1 || !p.input()) {
                    throw new SimBuildException(role + " port " + name + " of " + spec.top() + " must be a 1-bit input");
                }
                return p;
            }
        }
        throw new SimBuildException(spec.top() + " has no " + role + " port named " + name + "; its ports are "
                + ports.stream().map(PortInfo::name).toList());
    }

    /** Verilator's storage for a width: CData, SData, IData, QData, or 0 for a VlWide word array. */
    private static int kind(int width) {
        return width <= 8 ? 8 : width <= 16 ? 16 : width <= 32 ? 32 : width <= 64 ? 64 : 0;
    }

    private static String portsTsv(List<PortInfo> ports) {
        StringBuilder b = new StringBuilder();
        for (PortInfo p : ports) {
            b.append(p.id()).append('\t').append(p.name()).append('\t').append(p.width()).append('\t')
                    .append(p.input() ? "in" : "out").append('\n');
        }
        return b.toString();
    }

    private static List<PortInfo> readPorts(Path tsv) {
        try {
            List<PortInfo> ports = new ArrayList<>();
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                ports.add(new PortInfo(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), f[3].equals("in")));
            }
            return ports;
        } catch (IOException e) {
            throw new SimBuildException("cannot read " + tsv + "; delete its folder to rebuild: " + e.getMessage(), e);
        }
    }

    private static String describe(ModelSpec spec, Verilator v) {
        return "top=" + spec.top() + "\nclock=" + spec.clock() + "\nreset=" + spec.reset()
                + (spec.resetActiveLow() ? " (active low)" : " (active high)") + "\ntrace=" + spec.traceFormat()
                + "\nflags=" + spec.extraFlags() + "\ncflags=" + CFLAGS + "\nverilator=" + v.version() + "\n";
    }

    private static String key(ModelSpec spec, Verilator v, String shim) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, RECIPE);
            update(md, describe(spec, v));
            update(md, shim);
            for (Path p : spec.sources()) {
                update(md, p.getFileName().toString());
                md.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new SimBuildException("cannot read a source of " + spec.top() + ": " + e.getMessage(), e);
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static String resource(String name) {
        try (InputStream in = ModelBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the sim-bindings jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile(".+\\.tmp-(\\d+)-\\d+");

    /**
     * Deletes build folders ({@code <key>.tmp-<pid>-<n>}) whose process is gone and that are at
     * least ten minutes old (a build in another pid namespace sharing the cache is left alone
     * while it could still be running); best effort.
     */
    static void cleanLeftovers(Path cache) {
        long now = System.currentTimeMillis();
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(cache)) {
            for (Path p : s) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                boolean dead = ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                if (dead && now - Files.getLastModifiedTime(p).toMillis() > 10 * 60_000L) {
                    try {
                        deleteTree(p);
                    } catch (RuntimeException e) {
                        // another run got there first
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to clean, or not ours to list
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
