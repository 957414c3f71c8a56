package health.flipside.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntToLongFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.content.ContentGate;
import health.flipside.hooks.HookRequestParser;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.support.RequestBody;

/**
 * Two builds of Flipside in one JVM, alternated, on the same body (bench/README.md, "Two builds in one JVM"): the CPU
 * time of this thread per in-process patient-view request (the hook parse of the UTF-8 body, prefetch resolution and
 * the pipeline), or of the hook parse alone. On a shared machine whose speed changes from one minute to the next,
 * a figure measured minutes apart says little; two builds measured a fraction of a second apart, round after round,
 * give a ratio that repeats. Each build's classes are loaded by a class loader of their own, the libraries once.
 *
 * <p>Usage, from the repository root (it loads rules/ and cds-cards/), with the libraries but not target/classes on
 * the class path: {@code BuildsCompared [--rounds N] [--calls M] [--parse] <classes A> <classes B> <hook request.json>}.
 * Both builds must have the few methods {@link Calls} and {@link PrefetchOnly} use.
 */
public final class BuildsCompared {
    private BuildsCompared() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 41;
        int calls = 40;
        boolean parseOnly = false;
        int a = 0;
        for (; a < args.length && args[a].startsWith("--"); a++) {
            switch (args[a]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--calls" -> calls = Integer.parseInt(args[++a]);
                case "--parse" -> parseOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        Path[] builds = {Path.of(args[a]), Path.of(args[a + 1])};
        String body = args[a + 2];
        IntToLongFunction[] run = new IntToLongFunction[2];
        for (int b = 0; b < 2; b++) {
            run[b] = calls(builds[b], body, parseOnly);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] millis = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int round = -3; round < rounds; round++) { // three rounds warm both up
            for (int turn = 0; turn < 2; turn++) {
                int b = Math.floorMod(round, 2) == 0 ? turn : 1 - turn; // A first, then B first, and so on
                long before = threads.getCurrentThreadCpuTime();
                run[b].applyAsLong(calls);
                long cpu = threads.getCurrentThreadCpuTime() - before;
                if (round >= 0) {
                    millis[b][round] = cpu / 1e6 / calls;
                }
            }
            if (round >= 0) {
                ratios[round] = millis[1][round] / millis[0][round];
            }
        }
        System.out.printf(Locale.ROOT, "%s, %s, %d rounds of %d calls each: A %.3f ms, B %.3f ms of CPU per call (medians); "
                        + "B/A %.3f (median of the rounds' ratios; quartiles %.3f-%.3f)%n", body,
                parseOnly ? "hook parse" : "request", rounds, calls, median(millis[0]), median(millis[1]), median(ratios),
                quantile(ratios, 0.25), quantile(ratios, 0.75));
    }

    /** The build's {@link Calls}, its Flipside classes its own (this class's copy included), the libraries shared. */
    private static IntToLongFunction calls(Path classes, String body, boolean parseOnly) throws Exception {
        URL own = classes.toUri().toURL();
        URL bench = BuildsCompared.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader loader = new BuildLoader(new URL[] {own, bench}, BuildsCompared.class.getClassLoader());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader); // Drools compiles the rules through it
        try {
            return (IntToLongFunction) loader.loadClass(BuildsCompared.class.getName() + "$Calls").getConstructor(String.class, boolean.class)
                    .newInstance(body, parseOnly);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** Flipside's classes from the build's own folders first; every other class from the shared libraries. */
    private static final class BuildLoader extends URLClassLoader {
        BuildLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("health.flipside.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** One build's requests: loaded once per build, so its content and parser are that build's. */
    public static final class Calls implements IntToLongFunction {
        private final LoadedContent content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
        private final PrefetchOnly prefetch = new PrefetchOnly();
        private final HookRequestParser parser = new HookRequestParser(new ObjectMapper());
        private final byte[] body;
        private final boolean parseOnly;

        public Calls(String body, boolean parseOnly) throws IOException {
            this.body = Files.readAllBytes(Path.of(body));
            this.parseOnly = parseOnly;
        }

        /** Runs {@code n} calls; the sum returned keeps the JIT from dropping them. */
        @Override
        public long applyAsLong(int n) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                HookCall call = parser.parse(new RequestBody(body, java.nio.charset.StandardCharsets.UTF_8), PatientDataSummary.descriptor());
                if (parseOnly) {
                    sum += call.prefetch().size();
                    continue;
                }
                sum += content.pipeline().run(prefetch.resolve(call), Instant.now()).composed().size();
            }
            return sum;
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
