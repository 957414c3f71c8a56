package health.flipside.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.content.ContentGate;
import health.flipside.facts.PatientData;
import health.flipside.facts.UnitConverter;
import health.flipside.fhir.FactExtractor;
import health.flipside.fhir.ResolvedData;
import health.flipside.hooks.HookRequestParser;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;

/**
 * The heap one patient-view request needs, per payload, single-threaded and in-process (bench/README.md, "Memory"):
 * what it holds while in flight (the body, its JSON tree, the resolved data and the facts, measured after a full GC
 * with several requests held at once) and what it allocates from parse to cards (the thread's allocation counter).
 * The heap a server needs is roughly the in-flight figure times the concurrent requests, plus the GC's headroom.
 * Usage: {@code RequestMemory <hook request.json>…} from the repository root (it loads rules/ and cds-cards/).
 */
public final class RequestMemory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HELD = 4;
    private static final int RUNS = 7;

    private RequestMemory() {
    }

    /** What one request holds at its peak: everything from the body to the facts. */
    private record InFlight(String body, HookCall call, ResolvedData data, PatientData facts) {
    }

    public static void main(String[] args) throws Exception {
        LoadedContent content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
        FactExtractor extractor = new FactExtractor(content.rules().devices(), content.rules().antihypertensives(),
                content.rules().vocabulary(), new UnitConverter());
        PrefetchOnly prefetch = new PrefetchOnly();
        HookRequestParser parser = new HookRequestParser(JSON);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("| payload | body MB | held in flight, MB per request | allocated per request, MB |");
        System.out.println("|---|---|---|---|");
        for (String file : args) {
            String text = Files.readString(Path.of(file));
            for (int i = 0; i < 3; i++) { // warm up
                request(new String(text), parser, prefetch, extractor, content);
            }
            long[] allocated = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                request(new String(text), parser, prefetch, extractor, content);
                allocated[i] = threads.getCurrentThreadAllocatedBytes() - before;
            }
            Arrays.sort(allocated);
            long baseline = usedAfterGc();
            InFlight[] held = new InFlight[HELD];
            for (int i = 0; i < HELD; i++) {
                String body = new String(text); // a request's own copy, as the server reads each body
                HookCall call = parser.parse(body, PatientDataSummary.descriptor());
                ResolvedData data = prefetch.resolve(call);
                held[i] = new InFlight(body, call, data, extractor.extract(data));
            }
            long perRequest = (usedAfterGc() - baseline) / HELD;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f |%n", Path.of(file).getFileName(), text.length() / 1e6,
                    perRequest / 1e6, allocated[RUNS / 2] / 1e6);
            Arrays.fill(held, null);
        }
    }

    private static void request(String body, HookRequestParser parser, PrefetchOnly prefetch, FactExtractor extractor,
                                LoadedContent content) {
        HookCall call = parser.parse(body, PatientDataSummary.descriptor());
        content.pipeline().run(prefetch.resolve(call), Instant.now());
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
