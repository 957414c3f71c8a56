package health.flipside.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import health.flipside.feedback.IssuedCard;

/**
 * How the embedded H2 file grows while hook calls come in at a steady rate, for several H2 URL settings side by side
 * (bench/README.md, "The issued-cards log on H2"): every call's cards (those of {@link LogCost#call}) are recorded in
 * each database in turn, at the given rate, then nothing happens for a while; the file sizes are printed every 10 s,
 * and once more after the databases are closed.
 * Usage: {@code LogGrowth [calls per second, default 20] [seconds of calls, default 180] [idle seconds, default 30]
 * [H2 URL settings ..., default "WRITE_DELAY=0" and ""]}.
 */
public final class LogGrowth {
    private LogGrowth() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int busySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<LogCost.Log> logs = LogCost.Log.openEach(args, 0);
        System.out.println("seconds | calls | " + String.join(" | ", logs.stream().map(l -> l.name() + ": file MB").toList()));
        long start = System.nanoTime();
        long calls = 0;
        for (int tick = 10; tick <= busySeconds + idleSeconds; tick += 10) {
            long tickEnd = start + tick * 1_000_000_000L;
            while (System.nanoTime() < tickEnd) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed < busySeconds && calls < elapsed * rate) {
                    List<IssuedCard> cards = LogCost.call(Instant.now());
                    for (LogCost.Log log : logs) {
                        log.store().recordIssued(cards);
                    }
                    calls++;
                } else {
                    Thread.sleep(1);
                }
            }
            System.out.println(sizes(String.valueOf(tick), calls, logs));
        }
        for (LogCost.Log log : logs) {
            log.pool().dispose(); // closing the database, which H2 compacts for at most MAX_COMPACT_TIME (200 ms)
        }
        System.out.println(sizes("closed", calls, logs));
    }

    private static String sizes(String when, long calls, List<LogCost.Log> logs) throws java.io.IOException {
        StringBuilder line = new StringBuilder(when + " | " + calls);
        for (LogCost.Log log : logs) {
            line.append(String.format(Locale.ROOT, " | %.1f", log.fileSize() / 1048576.0));
        }
        return line.toString();
    }
}
