package health.flipside.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.content.ContentGate;
import health.flipside.fhir.ResolvedData;
import health.flipside.hooks.HookRequestParser;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;

/**
 * Where a patient-view request's time goes, single-threaded and in-process (bench/README.md, "Stage costs"): the
 * parse-only baseline (Jackson's tree of the body, what the benchmark's baseline endpoint does), then the request's
 * own stages — the hook parse (that tree plus validation), prefetch resolution (the streams read from the tree, the
 * rest by HAPI), and the pipeline (extraction, facts, rules, cards), with extraction also timed alone. The ratio
 * parse-only ÷ request is the in-process analogue of the HTTP benchmark's throughput ratio, without Liberty, JWT or
 * queueing. Each payload runs in rounds; the figures are the medians of the rounds after the first (warm-up).
 * Usage: {@code StageCost [--rounds N] <hook request.json>…} from the repository root (it loads rules/ and cds-cards/).
 */
public final class StageCost {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Work per round, so a round lasts a few seconds whatever the payload's size. */
    private static final long BYTES_PER_ROUND = 200_000_000L;

    private StageCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int first = 0;
        if (args.length > 1 && args[0].equals("--rounds")) {
            rounds = Integer.parseInt(args[1]);
            first = 2;
        }
        LoadedContent content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
        PrefetchOnly prefetch = new PrefetchOnly();
        HookRequestParser parser = new HookRequestParser(JSON);
        System.out.println("| payload | parse-only ms | hook parse ms | resolve ms | pipeline ms (extract ms) | request ms | parse-only ÷ request |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int a = first; a < args.length; a++) {
            String body = Files.readString(Path.of(args[a]));
            int perRound = (int) Math.max(5, BYTES_PER_ROUND / body.length());
            double[][] stages = new double[5][rounds - 1];
            for (int round = 0; round < rounds; round++) {
                long[] nanos = new long[5];
                for (int i = 0; i < perRound; i++) {
                    long t0 = System.nanoTime();
                    JSON.readTree(body);
                    long t1 = System.nanoTime();
                    HookCall call = parser.parse(body, PatientDataSummary.descriptor());
                    long t2 = System.nanoTime();
                    ResolvedData data = prefetch.resolve(call);
                    long t3 = System.nanoTime();
                    content.pipeline().run(data, Instant.now());
                    long t4 = System.nanoTime();
                    content.pipeline().patient(data);
                    long t5 = System.nanoTime();
                    nanos[0] += t1 - t0;
                    nanos[1] += t2 - t1;
                    nanos[2] += t3 - t2;
                    nanos[3] += t4 - t3;
                    nanos[4] += t5 - t4;
                }
                if (round > 0) { // the first round warms the JIT up
                    for (int s = 0; s < 5; s++) {
                        stages[s][round - 1] = nanos[s] / 1e6 / perRound;
                    }
                }
            }
            double parseOnly = median(stages[0]);
            double request = median(stages[1]) + median(stages[2]) + median(stages[3]);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f (%.2f) | %.2f | %.2f |%n", Path.of(args[a]).getFileName(),
                    parseOnly, median(stages[1]), median(stages[2]), median(stages[3]), median(stages[4]), request, parseOnly / request);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
