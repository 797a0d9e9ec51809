package dev.neuroforge.verif.core;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Where the launcher finds a back end by name: {@code iss} is built in, {@code rtl} is the class
 * {@code dev.neuroforge.verif.core.RtlBackend} (public no-argument constructor) when it is present.
 */
public final class Backends {
    public static final List<String> NAMES = List.of("iss", "rtl");
    static final String RTL_CLASS = "dev.neuroforge.verif.core.RtlBackend";

    private Backends() {
    }

    /** The back end called {@code name}; a clear error for unknown names or a missing RTL back end. */
    public static ElfRunner.Backend named(String name) {
        return named(name, System.out);
    }

    /**
     * As {@link #named(String)}, with trace lines going to {@code traceOut}; the RTL back end gets
     * it when it has a {@code (PrintStream)} constructor, otherwise it is made with no arguments.
     */
    public static ElfRunner.Backend named(String name, PrintStream traceOut) {
        switch (name) {
            case "iss":
                return new IssBackend(true, traceOut);
            case "rtl":
                try {
                    Class<?> c = Class.forName(RTL_CLASS);
                    try {
                        return (ElfRunner.Backend) c.getConstructor(PrintStream.class).newInstance(traceOut);
                    } catch (NoSuchMethodException e) {
                        return (ElfRunner.Backend) c.getConstructor().newInstance();
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("--on rtl: the RTL back end (" + RTL_CLASS
                            + ") is not part of this build; use --on iss");
                } catch (InvocationTargetException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create " + RTL_CLASS + ": " + e, e);
                }
            default:
                throw new IllegalArgumentException("--on = " + name + " is not allowed: must be one of " + NAMES);
        }
    }
}
