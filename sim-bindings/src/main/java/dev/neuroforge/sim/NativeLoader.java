package dev.neuroforge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads shim libraries. Each distinct library is copied to a private temporary file (so the cache
 * entry can be rebuilt or deleted while a JVM uses it) and bound through its own copy of
 * {@link NativeShim}; later loads of the same library in this JVM reuse that binding, and every
 * model instance gets its own Verilator context from {@code nf_create}.
 */
final class NativeLoader {
    private static final Map<Path, ShimApi> BOUND = new ConcurrentHashMap<>();

    private NativeLoader() {
    }

    static ShimApi load(Path library) {
        return BOUND.computeIfAbsent(library.toAbsolutePath().normalize(), NativeLoader::bindCopy);
    }

    private static ShimApi bindCopy(Path library) {
        try {
            Path copy = Files.createTempFile("nfmodel-", ".so");
            copy.toFile().deleteOnExit();
            Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
            ClassLoader loader = new IsolatingLoader(NativeShim.class.getClassLoader());
            Class<?> cls = Class.forName(NativeShim.class.getName(), true, loader);
            Method bind = cls.getDeclaredMethod("bind", String.class);
            bind.setAccessible(true);
            return (ShimApi) bind.invoke(null, copy.toString());
        } catch (IOException e) {
            throw new SimBuildException("cannot copy " + library + " for loading: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new SimBuildException("cannot load " + library + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines its own {@link NativeShim}; everything else comes from the parent. */
    private static final class IsolatingLoader extends ClassLoader {
        private static final String NAME = NativeShim.class.getName();

        IsolatingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(NAME)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try (InputStream in = getParent().getResourceAsStream(NAME.replace('.', '/') + ".class")) {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
