import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flipside's throughput benchmark (bench/README.md). JDK only: {@code java bench/LoadGenerator.java [options]}.
 *
 * <p>For each payload it compares two endpoints on the same server, in the same run: the baseline (Liberty + a
 * Jackson parse of the same body, no cards) and patient-view. Closed loop: N virtual users each send the next
 * request as soon as the previous answer is in. The measured time is split into rounds that alternate the two
 * endpoints (A B B A …) so that drift (JIT, GC, the neighbours on a shared machine) falls on both.
 *
 * <pre>
 * options (defaults in brackets):
 *   --base URL          server [http://localhost:9080]
 *   --payloads a,b      hook request files [target/bench/typical.json,target/bench/heavy.json,target/bench/cgm-4d.json,
 *                       target/bench/cgm-7d.json,target/bench/cgm.json,target/bench/cgm-28d.json]
 *   --warmup S          total warm-up seconds, spread over every payload × endpoint, not measured [60]
 *   --duration S        measured seconds per payload × endpoint [20]
 *   --users N           concurrent virtual users [8]
 *   --rounds R          alternations per payload (each endpoint runs duration/R seconds per round) [2]
 *   --endpoints a,b     which endpoints to measure: patient-view alone shows its service time without the
 *                       baseline's garbage in the same JVM (no ratios then) [baseline,patient-view]
 *   --timeout S         per-request timeout; a timed-out request counts as an error [30]
 *   --jwt-key FILE      sign a fresh ES384 CDS Hooks JWT (iss, aud = the exact endpoint URL, iat, exp, jti) for
 *                       every patient-view call with this PKCS#8 P-384 key, e.g. dev/keys/ehr-dev-es384.pem, before
 *                       the window it is sent in [none]
 *   --jwt-kid ID        its kid [flipside-dev-es384]
 *   --jwt-iss URL       its iss [https://ehr.dev.flipside.local]
 *   --log FILE          Liberty messages.log: also report the server-side durationMs of patient-view [none]
 *   --csv FILE          append the results as CSV (for summarize) [none]
 *   --server-pid PID    the server's process (Linux, same machine): report the server's CPU per answer and its JIT
 *                       compilers' share of each window, and warm up until the JIT compilers are quiet [none]
 *   --jit-quiet C       warm-up ends when the JIT compilers used less than C of a core over a cycle [0.05]
 *   --warmup-max S      ... or after S seconds of warm-up in all, with a warning [600]
 * java bench/LoadGenerator.java summarize run1.csv run2.csv …   medians over runs
 * </pre>
 */
public class LoadGenerator {
    static final String BASELINE = "baseline";
    static final String PATIENT_VIEW = "patient-view";
    static final Map<String, String> PATHS = Map.of(
            BASELINE, "/benchmark/baseline",
            PATIENT_VIEW, "/cds-services/patient-data-summary");
    /** typical, heavy, and the CGM patient with 4, 7, 14 (cgm.json) and 28 days of sensor readings. */
    static final String DEFAULT_PAYLOADS = "target/bench/typical.json,target/bench/heavy.json,target/bench/cgm-4d.json,"
            + "target/bench/cgm-7d.json,target/bench/cgm.json,target/bench/cgm-28d.json";
    static Duration timeout = Duration.ofSeconds(30);
    static Jwt jwt;
    static final Pattern DURATION = Pattern.compile("service=patient-data-summary hookInstance=(\\S+) .*durationMs=(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("summarize")) {
            summarize(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Map<String, String> options = options(args);
        String base = options.getOrDefault("base", "http://localhost:9080");
        List<Path> payloads = Arrays.stream(options.getOrDefault("payloads", DEFAULT_PAYLOADS)
                .split(",")).map(Path::of).toList();
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "60"));
        double duration = Double.parseDouble(options.getOrDefault("duration", "20"));
        int users = Integer.parseInt(options.getOrDefault("users", "8"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        Set<String> measured = Set.copyOf(Arrays.asList(options.getOrDefault("endpoints", BASELINE + "," + PATIENT_VIEW).split(",")));
        if (!PATHS.keySet().containsAll(measured)) {
            throw new IllegalArgumentException("--endpoints takes " + BASELINE + " and/or " + PATIENT_VIEW + ", got " + measured);
        }
        timeout = Duration.ofMillis((long) (1000 * Double.parseDouble(options.getOrDefault("timeout", "30"))));
        if (options.containsKey("jwt-key")) {
            jwt = new Jwt(Path.of(options.get("jwt-key")), options.getOrDefault("jwt-kid", "flipside-dev-es384"),
                    options.getOrDefault("jwt-iss", "https://ehr.dev.flipside.local"));
        }
        Path log = options.containsKey("log") ? Path.of(options.get("log")) : null;
        Path csv = options.containsKey("csv") ? Path.of(options.get("csv")) : null;
        server = options.containsKey("server-pid") ? new ServerCpu(Long.parseLong(options.get("server-pid"))) : null;
        double jitQuiet = Double.parseDouble(options.getOrDefault("jit-quiet", "0.05"));
        double warmupMax = Double.parseDouble(options.getOrDefault("warmup-max", "600"));

        // Bounded: whatever happens (a hung server, a stuck socket), the process ends by itself.
        long budgetSeconds = (long) (Math.max(warmup, server == null ? 0 : warmupMax + 120) + duration * 2 * payloads.size()) + 120 + timeout.toSeconds() * (4 + 2 * rounds * payloads.size());
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(budgetSeconds * 1000);
                System.err.println("LoadGenerator: exceeded its " + budgetSeconds + " s budget, stopping");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Target> targets = new ArrayList<>();
        for (Path file : payloads) {
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            String hookInstance = hookInstance(new String(body, StandardCharsets.UTF_8));
            for (String endpoint : List.of(BASELINE, PATIENT_VIEW)) { // both warmed up, only the chosen measured
                targets.add(new Target(name, endpoint, URI.create(base + PATHS.get(endpoint)), body, hookInstance));
            }
        }
        System.out.printf(Locale.ROOT, "Flipside load: %s, %d users, warm-up %.0f s, %.0f s per endpoint in %d rounds, %d cores%n",
                base, users, warmup, duration, rounds, Runtime.getRuntime().availableProcessors());
        for (Target target : targets) {
            preflight(client, target);
        }

        // Warm-up: every payload × endpoint in turn, in slices of at most 5 s, results thrown away.
        if (warmup > 0) {
            int slices = Math.max(targets.size(), (int) Math.ceil(warmup / 5.0));
            double slice = warmup / slices;
            System.out.printf(Locale.ROOT, "warming up: %d slices of %.1f s%n", slices, slice);
            for (int i = 0; i < slices; i++) {
                Target target = targets.get(i % targets.size());
                run(client, target, users, slice, new Histogram(), new AtomicLong());
            }
            if (server != null) {
                warmUntilJitQuiet(client, targets, users, Math.min(5.0, slice), warmup, jitQuiet, warmupMax);
            }
        }

        // Measure: per payload, rounds alternating the order of the two endpoints (A B, B A, A B, …).
        Map<Target, Histogram> histograms = new LinkedHashMap<>();
        Map<Target, AtomicLong> errors = new HashMap<>();
        Map<Target, double[]> seconds = new HashMap<>();
        Map<Target, AtomicLong> inWindow = new HashMap<>();
        Map<Target, List<Long>> serverSide = new HashMap<>();
        Map<Target, ServerCost> costs = new HashMap<>();
        targets.forEach(t -> {
            histograms.put(t, new Histogram());
            errors.put(t, new AtomicLong());
            seconds.put(t, new double[1]);
            inWindow.put(t, new AtomicLong());
            serverSide.put(t, new ArrayList<>());
            costs.put(t, ServerCost.NONE);
        });
        for (int p = 0; p < targets.size(); p += 2) {
            Target baseline = targets.get(p);
            Target patientView = targets.get(p + 1);
            System.out.printf("measuring %s%n", baseline.payload());
            for (int round = 0; round < rounds; round++) {
                List<Target> order = round % 2 == 0 ? List.of(baseline, patientView) : List.of(patientView, baseline);
                for (Target target : order) {
                    if (!measured.contains(target.endpoint())) {
                        continue;
                    }
                    long logStart = log == null ? -1 : size(log);
                    Window window = run(client, target, users, duration / rounds, histograms.get(target), errors.get(target));
                    inWindow.get(target).addAndGet(window.inWindow());
                    costs.merge(target, window.cost(), ServerCost::plus);
                    seconds.get(target)[0] += duration / rounds;
                    if (log != null && target.endpoint().equals(PATIENT_VIEW)) {
                        Thread.sleep(300); // let the last log lines reach the file
                        serverSide.get(target).addAll(serverDurations(log, logStart, target.hookInstance()));
                    }
                }
            }
        }
        watchdog.interrupt();
        if (jwt != null) {
            System.out.println("patient-view tokens: " + jwt.report());
        }

        List<String> rows = new ArrayList<>();
        System.out.println();
        System.out.println("| payload | endpoint | requests | errors | req/s | p50 ms | p99 ms | server p50 ms | server p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        targets.removeIf(t -> !measured.contains(t.endpoint()));
        for (Target target : targets) {
            Histogram h = histograms.get(target);
            double rate = inWindow.get(target).get() / seconds.get(target)[0];
            List<Long> server = serverSide.get(target);
            String serverP50 = server.isEmpty() ? "" : String.valueOf(percentile(server, 0.50));
            String serverP99 = server.isEmpty() ? "" : String.valueOf(percentile(server, 0.99));
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %.1f | %s | %s |%n", target.payload(), target.endpoint(),
                    h.count(), errors.get(target).get(), rate, h.percentile(0.50) / 1000.0, h.percentile(0.99) / 1000.0,
                    serverP50.isEmpty() ? "" : serverP50 + " (n=" + server.size() + ")", serverP99);
            ServerCost cost = costs.get(target);
            rows.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.1f,%.3f,%.3f,%s,%s,%s,%s", target.payload(), target.endpoint(), h.count(),
                    errors.get(target).get(), rate, h.percentile(0.50) / 1000.0, h.percentile(0.99) / 1000.0, serverP50, serverP99,
                    server == null ? "" : String.format(Locale.ROOT, "%.3f", cost.msPerAnswer()),
                    server == null ? "" : String.format(Locale.ROOT, "%.3f", cost.jitCores())));
        }
        if (server != null) {
            System.out.println();
            System.out.println("| payload | endpoint | server CPU ms per answer | server, cores | JIT compilers, cores |");
            System.out.println("|---|---|---|---|---|");
            for (Target target : targets) {
                ServerCost cost = costs.get(target);
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", target.payload(), target.endpoint(),
                        cost.msPerAnswer(), cost.cores(), cost.jitCores());
            }
        }
        for (Target target : targets) {
            if (inWindow.get(target).get() < 20) {
                System.out.printf("note: %s %s completed only %d answers inside the measured windows: its req/s is coarse; "
                        + "use a longer --duration (or fewer --rounds) than its latency%n", target.payload(), target.endpoint(),
                        inWindow.get(target).get());
            }
        }
        if (measured.size() == 2) {
            System.out.println();
            System.out.println("| payload | throughput patient-view/baseline | p99 patient-view/baseline | server CPU per answer baseline/patient-view |");
            System.out.println("|---|---|---|---|");
            for (int p = 0; p < targets.size(); p += 2) {
                Target b = targets.get(p);
                Target v = targets.get(p + 1);
                double throughput = (inWindow.get(v).get() / seconds.get(v)[0]) / (inWindow.get(b).get() / seconds.get(b)[0]);
                double p99 = (double) histograms.get(v).percentile(0.99) / histograms.get(b).percentile(0.99);
                double cpu = costs.get(b).msPerAnswer() / costs.get(v).msPerAnswer();
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", b.payload(), throughput, p99,
                        server == null ? "" : String.format(Locale.ROOT, "%.2f", cpu));
            }
        }
        if (csv != null) {
            StringBuilder text = new StringBuilder();
            if (!Files.exists(csv)) {
                text.append("payload,endpoint,requests,errors,rps,p50_ms,p99_ms,server_p50_ms,server_p99_ms,server_cpu_ms_per_answer,jit_cores\n");
            }
            rows.forEach(r -> text.append(r).append('\n'));
            Files.writeString(csv, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        long failed = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.exit(failed == 0 ? 0 : 2);
    }

    record Target(String payload, String endpoint, URI uri, byte[] body, String hookInstance) {
    }

    /** One request before anything else: a 404 from the baseline means the server runs without it enabled. */
    static void preflight(HttpClient client, Target target) throws Exception {
        HttpResponse<String> response = client.send(request(target), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String hint = target.endpoint().equals(BASELINE) && response.statusCode() == 404
                    ? " (is flipside.benchmark.baseline=true on the server?)" : "";
            throw new IllegalStateException(target.endpoint() + " answered " + response.statusCode() + hint + ": "
                    + abbreviate(response.body(), 300));
        }
        System.out.printf("preflight %s %s: %d bytes in, %d bytes out: %s%n", target.payload(), target.endpoint(),
                target.body().length, response.body().length(), abbreviate(response.body(), 110));
    }

    static HttpRequest request(Target target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri()).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(target.body()));
        if (needsToken(target)) {
            builder.header("Authorization", "Bearer " + jwt.mint(target.uri().toString()));
        }
        return builder.build();
    }

    static boolean needsToken(Target target) {
        return jwt != null && target.endpoint().equals(PATIENT_VIEW);
    }

    /**
     * CDS Hooks JWTs signed with ES384, JDK only; each has its own jti (Flipside refuses a replayed one). Signing takes
     * the generator about 0.8 ms of CPU, on the cores the server runs on and inside the closed loop, so the tokens of a
     * measured window are signed before it starts ({@link #prepare}); only a window that outruns its estimate signs
     * the rest as it goes, and the report says how many.
     */
    static final class Jwt {
        private final java.security.PrivateKey key;
        private final String header;
        private final String issuer;
        private final java.util.concurrent.ConcurrentLinkedQueue<String> prepared = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final AtomicLong signedBefore = new AtomicLong();
        private final AtomicLong signedDuring = new AtomicLong();

        Jwt(Path pem, String kid, String issuer) throws Exception {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----|\\s", "");
            key = java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));
            header = b64("{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
            this.issuer = issuer;
        }

        /** Signs {@code count} tokens for the audience now, for the window about to start; drops any left over. */
        void prepare(String audience, long count) {
            prepared.clear();
            for (long i = 0; i < count; i++) {
                prepared.add(sign(audience));
            }
            signedBefore.addAndGet(count);
        }

        /** A token prepared for this window (windows run one at a time), or one signed now when none is left. */
        String mint(String audience) {
            String token = prepared.poll();
            if (token != null) {
                return token;
            }
            signedDuring.incrementAndGet();
            return sign(audience);
        }

        /** The window is over: its unused tokens are not reused for another. */
        void discard() {
            prepared.clear();
        }

        String report() {
            return signedBefore.get() + " signed before their window, " + signedDuring.get() + " during one";
        }

        private String sign(String audience) {
            try {
                long now = System.currentTimeMillis() / 1000;
                String claims = b64("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"iat\":" + now
                        + ",\"exp\":" + (now + 300) + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}");
                java.security.Signature signature = java.security.Signature.getInstance("SHA384withECDSA");
                signature.initSign(key);
                signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                return header + "." + claims + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(joseSignature(signature.sign(), 48));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String b64(String json) {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        /** DER SEQUENCE { INTEGER r, INTEGER s } → r || s, each left-padded to {@code size} bytes (RFC 7518 §3.4). */
        private static byte[] joseSignature(byte[] der, int size) {
            int offset = der[1] == (byte) 0x81 ? 3 : 2;
            byte[] out = new byte[2 * size];
            for (int part = 0; part < 2; part++) {
                int length = der[offset + 1];
                int start = offset + 2;
                int skip = Math.max(0, length - size);
                System.arraycopy(der, start + skip, out, part * size + size - (length - skip), length - skip);
                offset = start + length;
            }
            return out;
        }
    }

    /**
     * A closed loop of {@code users} threads for {@code seconds}. Like wrk, throughput counts the answers (200)
     * completed within the window; requests still in flight at its end are awaited and their latency is recorded
     * too, so slow answers are not dropped from the percentiles. Returns the in-window count, and what the window
     * cost the server when its pid is known.
     */
    static Window run(HttpClient client, Target target, int users, double seconds, Histogram histogram, AtomicLong errors)
            throws InterruptedException {
        if (needsToken(target)) {
            // the last window's rate of this target with half again as margin; before the first, a guess of
            // 200 answers a second per user, at most 4,000 tokens (about 3 s of signing)
            Double rate = RATES.get(target);
            long tokens = rate != null ? (long) Math.ceil(rate * seconds * 1.5) : Math.min(4000, (long) Math.ceil(200.0 * users * seconds * 1.5));
            jwt.prepare(target.uri().toString(), tokens);
        }
        ServerCpu.Sample before = server == null ? null : server.sample();
        long answeredBefore = histogram.count();
        long completedInWindow = runLoop(client, target, users, seconds, histogram, errors);
        ServerCost cost = server == null ? ServerCost.NONE : server.since(before, histogram.count() - answeredBefore);
        if (needsToken(target)) {
            jwt.discard();
        }
        RATES.put(target, Math.max(1.0, completedInWindow / seconds));
        return new Window(completedInWindow, cost);
    }

    /** A window's answers completed inside it, and what the whole window (its last answers included) cost the server. */
    record Window(long inWindow, ServerCost cost) {
    }

    /**
     * Warm-up goes on, cycle after cycle (a slice of every target in turn, for at least 30 s), until the server's JIT
     * compilers used less than {@code quiet} of a core over a cycle: on 2 busy cores the patient-view call's code
     * takes minutes to compile, the baseline's seconds, so a window measured before that charges patient-view with
     * the compiling (bench/README.md, "Warm-up").
     */
    static void warmUntilJitQuiet(HttpClient client, List<Target> targets, int users, double slice, double warmedUp,
                                  double quiet, double max) throws InterruptedException {
        double spent = warmedUp;
        while (true) {
            ServerCost cycle = ServerCost.NONE;
            for (double cycleSeconds = 0; cycleSeconds < 30; cycleSeconds += slice * targets.size()) {
                for (Target target : targets) {
                    cycle = cycle.plus(run(client, target, users, slice, new Histogram(), new AtomicLong()).cost());
                }
                spent += slice * targets.size();
            }
            double cores = cycle.jitCores();
            if (cores < quiet) {
                System.out.printf(Locale.ROOT, "warmed up: %.0f s, JIT compilers %.3f cores over the last cycle%n", spent, cores);
                return;
            }
            if (spent >= max) {
                System.out.printf(Locale.ROOT, "warning: after %.0f s of warm-up the JIT compilers still used %.2f cores; "
                        + "the measured windows include compiling%n", spent, cores);
                return;
            }
        }
    }

    /** The server's process, when given: its threads' CPU, read from /proc (Linux; USER_HZ, 100 ticks a second). */
    static ServerCpu server;

    /**
     * CPU ticks of the server, from /proc: the whole process's (its /proc/PID/stat, which keeps the time of threads
     * that have ended: Liberty's executor starts and ends threads as load changes), and its JIT compilers' (each
     * thread's /proc/PID/task/TID/stat; HotSpot names them "C1 CompilerThread…" and "C2 CompilerThread…", truncated to
     * 15 characters there).
     */
    static final class ServerCpu {
        private final Path process;

        ServerCpu(long pid) {
            this.process = Path.of("/proc", String.valueOf(pid));
            if (!Files.isDirectory(process.resolve("task"))) {
                throw new IllegalArgumentException("--server-pid " + pid + ": no " + process + "/task (a running process on this Linux machine?)");
            }
        }

        /** @param jitByThread ticks of each JIT compiler thread, by thread id */
        record Sample(long nanos, long ticks, Map<String, Long> jitByThread) {
        }

        Sample sample() {
            Map<String, Long> jit = new HashMap<>();
            try (var threads = Files.newDirectoryStream(process.resolve("task"))) {
                for (Path thread : threads) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                            jit.put(thread.getFileName().toString(), ticks(stat));
                        }
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
                return new Sample(System.nanoTime(), ticks(Files.readString(process.resolve("stat"))), jit);
            } catch (IOException e) {
                throw new IllegalStateException("The server's CPU is not readable in " + process + " (has it stopped?)", e);
            }
        }

        /** utime + stime of a stat line: fields 14 and 15, counted after the name's ')' (a name may hold spaces). */
        private static long ticks(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        /** What the server spent since {@code before}, on {@code answers} answers. */
        ServerCost since(Sample before, long answers) {
            Sample now = sample();
            // a compiler thread that ended in between is left out (HotSpot ends idle ones): less, never negative
            long jit = now.jitByThread().entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.jitByThread().getOrDefault(e.getKey(), 0L)).sum();
            return new ServerCost(now.ticks() - before.ticks(), jit, now.nanos() - before.nanos(), answers);
        }
    }

    /** Server CPU ticks (all threads; JIT compilers), wall time and answers of one or more windows. */
    record ServerCost(long ticks, long jitTicks, long nanos, long answers) {
        static final ServerCost NONE = new ServerCost(0, 0, 0, 0);

        ServerCost plus(ServerCost other) {
            return new ServerCost(ticks + other.ticks, jitTicks + other.jitTicks, nanos + other.nanos, answers + other.answers);
        }

        double msPerAnswer() {
            return answers == 0 ? Double.NaN : ticks * 10.0 / answers;
        }

        /** How many of the machine's cores the server kept busy, on average. */
        double cores() {
            return nanos == 0 ? Double.NaN : ticks / 100.0 / (nanos / 1e9);
        }

        double jitCores() {
            return nanos == 0 ? Double.NaN : jitTicks / 100.0 / (nanos / 1e9);
        }
    }

    /** By target, the answers per second of its last window: how many tokens the next one needs. */
    static final Map<Target, Double> RATES = new java.util.concurrent.ConcurrentHashMap<>();

    private static long runLoop(HttpClient client, Target target, int users, double seconds, Histogram histogram,
                                AtomicLong errors) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        HttpRequest request = request(target);
        List<Thread> threads = new ArrayList<>();
        List<Histogram> parts = new ArrayList<>();
        AtomicLong completed = new AtomicLong();
        for (int u = 0; u < users; u++) {
            Histogram part = new Histogram();
            parts.add(part);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    HttpRequest next = needsToken(target) ? request(target) : request; // a token: not timed
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(next, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() == 200) {
                            long done = System.nanoTime();
                            part.record((done - sent) / 1000);
                            if (done <= deadline) {
                                completed.incrementAndGet();
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "user-" + u);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(timeout.toMillis() + 5000 + (long) (seconds * 1000));
        }
        parts.forEach(histogram::add);
        return completed.get();
    }

    /** Log-linear histogram of microseconds: exact below 64 µs, then 32 buckets per power of two (≤ 3.2 % error). */
    static final class Histogram {
        private static final int SUB = 64;
        private final long[] counts = new long[41 * SUB];
        private long count;

        void record(long micros) {
            counts[index(Math.max(0, micros))]++;
            count++;
        }

        void add(Histogram other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            count += other.count;
        }

        long count() {
            return count;
        }

        /** The upper edge of the bucket that holds the q-quantile, in microseconds. */
        long percentile(double q) {
            if (count == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(q * count);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return upper(i);
                }
            }
            return upper(counts.length - 1);
        }

        private static int index(long v) {
            if (v < SUB) {
                return (int) v;
            }
            int exponent = 63 - Long.numberOfLeadingZeros(v) - 5; // v in [2^(e+5), 2^(e+6)): 32 values per sub-bucket step
            int sub = (int) (v >> exponent) - SUB / 2;           // 32..63 → 0..31, doubled below
            int i = SUB + (exponent - 1) * (SUB / 2) + sub;
            return Math.min(i, 41 * SUB - 1);
        }

        private static long upper(int i) {
            if (i < SUB) {
                return i;
            }
            int exponent = (i - SUB) / (SUB / 2) + 1;
            int sub = (i - SUB) % (SUB / 2) + SUB / 2;
            return ((long) (sub + 1) << exponent) - 1;
        }
    }

    static String hookInstance(String body) {
        Matcher m = Pattern.compile("\"hookInstance\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        return m.find() ? m.group(1) : "";
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** durationMs of this payload's patient-view calls logged since {@code from} (from 0 if the log rolled over). */
    static List<Long> serverDurations(Path log, long from, String hookInstance) throws IOException {
        List<Long> durations = new ArrayList<>();
        if (!Files.exists(log)) {
            return durations;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = from <= file.length() ? from : 0;
            file.seek(start);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = DURATION.matcher(line);
                if (m.find() && m.group(1).equals(hookInstance)) {
                    durations.add(Long.parseLong(m.group(2)));
                }
            }
        }
        return durations;
    }

    static long percentile(List<Long> values, double q) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i] + " (see the class comment)");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** Medians, over the given CSV files (one run each), of every figure and of the two ratios. */
    static void summarize(String[] files) throws IOException {
        Map<String, List<double[]>> byKey = new LinkedHashMap<>();
        for (String file : files) {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                double[] values = new double[9]; // the last two (server CPU, JIT) only in runs given --server-pid
                for (int i = 0; i < 9; i++) {
                    values[i] = 2 + i >= f.length || f[2 + i].isEmpty() ? Double.NaN : Double.parseDouble(f[2 + i]);
                }
                byKey.computeIfAbsent(f[0] + "," + f[1], k -> new ArrayList<>()).add(values);
            }
        }
        System.out.printf("Medians over %d runs%n%n", files.length);
        System.out.println("| payload | endpoint | requests | errors | req/s | p50 ms | p99 ms | server p50 ms | server p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Map<String, double[]> medians = new LinkedHashMap<>();
        byKey.forEach((key, runs) -> {
            double[] m = new double[7];
            for (int i = 0; i < 7; i++) {
                int column = i;
                m[i] = median(runs.stream().mapToDouble(r -> r[column]).toArray());
            }
            medians.put(key, m);
            String[] k = key.split(",");
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f | %.1f | %.1f | %s | %s |%n", k[0], k[1], m[0], m[1], m[2], m[3], m[4],
                    Double.isNaN(m[5]) ? "" : String.format(Locale.ROOT, "%.0f", m[5]), Double.isNaN(m[6]) ? "" : String.format(Locale.ROOT, "%.0f", m[6]));
        });
        // Ratios: per run, then the median of the per-run ratios (same-run pairs, as measured).
        System.out.println();
        System.out.println("| payload | throughput patient-view/baseline (per run → median) | p99 patient-view/baseline (per run → median) "
                + "| server CPU per answer baseline/patient-view (per run → median) |");
        System.out.println("|---|---|---|---|");
        for (String key : byKey.keySet()) {
            String[] k = key.split(",");
            if (!k[1].equals(BASELINE) || !byKey.containsKey(k[0] + "," + PATIENT_VIEW)) {
                continue;
            }
            List<double[]> b = byKey.get(key);
            List<double[]> v = byKey.get(k[0] + "," + PATIENT_VIEW);
            int n = Math.min(b.size(), v.size());
            double[] throughput = new double[n];
            double[] p99 = new double[n];
            double[] cpu = new double[n];
            for (int i = 0; i < n; i++) {
                throughput[i] = v.get(i)[2] / b.get(i)[2];
                p99[i] = v.get(i)[4] / b.get(i)[4];
                cpu[i] = b.get(i)[7] / v.get(i)[7];
            }
            System.out.printf(Locale.ROOT, "| %s | %s → %.2f | %s → %.2f | %s |%n", k[0], list(throughput), median(throughput), list(p99),
                    median(p99), Double.isNaN(median(cpu)) ? "" : list(cpu) + " → " + String.format(Locale.ROOT, "%.2f", median(cpu)));
        }
    }

    static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static String list(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return text.toString();
    }
}
