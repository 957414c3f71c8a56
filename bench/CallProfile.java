import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU went while each endpoint was under load (bench/README.md, "Where a call's CPU goes"), from a
 * recording of `PROFILE=1 bench/run.sh`:
 *
 *   java bench/CallProfile.java target/bench/server-<stamp>-1.jfr
 *
 * The load generator sends one endpoint at a time, so a second in which only patient-view (or only the baseline)
 * was sampled belongs to that endpoint; every sample of such a second, on any thread, is counted under the first part
 * of the call its stack names, and the garbage collector's pauses of those seconds are summed beside them.
 */
public final class CallProfile {
    private static final String PATIENT_VIEW = "health.flipside.hooks.CdsServicesResource.call";
    private static final String BASELINE = "health.flipside.hooks.BaselineResource";

    /** The parts of a call, each by a method its stack holds, tried in this order: part, method. */
    private static final List<String[]> PARTS = List.of(
            new String[] {"token check (JWT)", "health.flipside.security.EhrAuthenticationFilter"},
            new String[] {"issued-cards log", "health.flipside.feedback.IssuedCardLog"},
            new String[] {"patient's earlier feedback (alert hygiene)", "health.flipside.feedback.PatientHistoryLookup"},
            new String[] {"issued-cards log", "health.flipside.feedback.FeedbackStore"},
            new String[] {"hook parse", "health.flipside.hooks.HookRequestParser"},
            new String[] {"prefetch resolution", "health.flipside.fhir.PrefetchResolver"},
            new String[] {"extraction (FHIR to readings)", "health.flipside.fhir.FactExtractor"},
            new String[] {"facts", "health.flipside.facts.FactBuilder"},
            new String[] {"rules", "health.flipside.rules.RuleEngine"},
            new String[] {"cards", "health.flipside.cards."},
            new String[] {"rest of the call", PATIENT_VIEW},
            new String[] {"baseline endpoint", BASELINE},
            new String[] {"response writing", "com.fasterxml.jackson.jakarta.rs.base.ProviderBase.writeTo"},
            new String[] {"metrics", "io.openliberty.microprofile.metrics"});

    private CallProfile() {
    }

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> events = new ArrayList<>();
        Map<Long, int[]> endpointSamples = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                String stack = stack(event);
                int[] counts = endpointSamples.computeIfAbsent(event.getStartTime().getEpochSecond(), s -> new int[2]);
                counts[0] += stack.contains(PATIENT_VIEW) ? 1 : 0;
                counts[1] += stack.contains(BASELINE) ? 1 : 0;
                events.add(event);
            } else if (type.equals("jdk.GarbageCollection")) {
                events.add(event);
            }
        }
        print("patient-view", 0, events, endpointSamples);
        print("baseline", 1, events, endpointSamples);
    }

    private static void print(String endpoint, int index, List<RecordedEvent> events, Map<Long, int[]> endpointSamples) {
        Map<String, Integer> byPart = new LinkedHashMap<>();
        PARTS.forEach(part -> byPart.put(part[0], 0));
        byPart.put("Liberty and the rest", 0);
        int samples = 0;
        int pauses = 0;
        long pauseNanos = 0;
        Set<Long> seconds = new HashSet<>();
        for (RecordedEvent event : events) {
            long second = event.getStartTime().getEpochSecond();
            int[] counts = endpointSamples.get(second);
            if (counts == null || counts[index] == 0 || counts[1 - index] > 0) {
                continue;
            }
            if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                pauses++;
                pauseNanos += event.getDuration("sumOfPauses").toNanos();
                continue;
            }
            seconds.add(second);
            samples++;
            String stack = stack(event);
            String part = PARTS.stream().filter(p -> stack.contains(p[1])).map(p -> p[0]).findFirst().orElse("Liberty and the rest");
            byPart.merge(part, 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "== %s: %d s under load, %d samples, %d GC pauses (%.0f ms)%n", endpoint,
                seconds.size(), samples, pauses, pauseNanos / 1e6);
        int all = Math.max(1, samples);
        byPart.forEach((part, n) -> {
            if (n > 0) {
                System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * n / all, part);
            }
        });
    }

    private static String stack(RecordedEvent event) {
        StringBuilder stack = new StringBuilder();
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if (frame.getMethod() == null) { // a frame the recording could not name (seen in JIT-compiled stubs)
                continue;
            }
            stack.append(frame.getMethod().getType().getName()).append('.').append(frame.getMethod().getName()).append(' ');
        }
        return stack.toString();
    }
}
