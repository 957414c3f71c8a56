package health.flipside.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

import health.flipside.feedback.FeedbackStore;
import health.flipside.feedback.IssuedCard;
import health.flipside.feedback.Migrations;
import health.flipside.services.RuleMeasure;

/**
 * What recording one hook call's cards in the issued-cards log costs on the embedded H2 file database, for several
 * H2 URL settings side by side (bench/README.md, "The issued-cards log on H2"). Each setting gets its own file
 * database, filled first with earlier calls (so that its trees are as deep as those of a log in use); then the settings
 * take turns in rounds, each committing one call's cards per transaction, as {@link FeedbackStore#recordIssued} does for
 * a call alone. Prints the process CPU per call (which includes H2's background threads), the wall time per call, and
 * how much the file grew per call.
 * Usage: {@code LogCost [rounds, default 5] [calls per round, default 500] [earlier calls, default 20000]
 * [H2 URL settings ..., default "WRITE_DELAY=0" and ""]}; {@code ""} is H2's defaults.
 */
public final class LogCost {
    private LogCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int earlier = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        List<Log> logs = Log.openEach(args, earlier);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("round | H2 settings | CPU ms/call | wall ms/call | file KB/call");
        for (int round = 0; round <= rounds; round++) {
            for (Log log : logs) {
                long size = log.fileSize();
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    log.store().recordIssued(call(Instant.now()));
                }
                System.out.printf(Locale.ROOT, "%s | %s | %.3f | %.3f | %.1f%n", round == 0 ? "warm-up" : String.valueOf(round),
                        log.name(), (os.getProcessCpuTime() - cpu) / 1e6 / calls, (System.nanoTime() - wall) / 1e6 / calls,
                        (log.fileSize() - size) / 1024.0 / calls);
            }
        }
    }

    /**
     * One hook call's cards, of the typical patient's shape: four cards, each with a rule and its measure, a template and
     * two suggestions, under one patient key.
     */
    public static List<IssuedCard> call(Instant at) {
        UUID hook = UUID.randomUUID();
        String patientKey = hex(UUID.randomUUID()) + hex(UUID.randomUUID());
        List<IssuedCard> cards = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String rule = "bp.rule-" + c;
            cards.add(new IssuedCard(UUID.randomUUID().toString(), "patient-data-summary", hook, List.of(rule),
                    List.of("bp/template-" + c), c == 0 ? "warning" : "info",
                    List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()), at, patientKey,
                    Map.of(rule, new RuleMeasure("mean-systolic", 120 + c))));
        }
        return cards;
    }

    private static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }

    /** An H2 file database with the Flipside schema, pooled as Liberty's data source is. */
    record Log(String name, Path file, JdbcConnectionPool pool, FeedbackStore store) {
        /**
         * A database for each H2 URL setting the benchmark names from its fourth argument on (by default
         * {@code WRITE_DELAY=0} and H2's defaults), each in its own file under a new temporary directory.
         */
        static List<Log> openEach(String[] args, int earlierCalls) throws java.io.IOException, SQLException {
            List<String> settings = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("WRITE_DELAY=0", "");
            Path dir = Files.createTempDirectory("flipside-log");
            List<Log> logs = new ArrayList<>();
            for (String setting : settings) {
                logs.add(open(dir.resolve("log" + logs.size()), setting, earlierCalls));
            }
            return logs;
        }

        static Log open(Path base, String settings, int earlierCalls) throws SQLException {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:file:" + base + (settings.isEmpty() ? "" : ";" + settings));
            dataSource.setUser("flipside");
            JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource);
            Migrations.migrate(pool);
            FeedbackStore store = new FeedbackStore(pool);
            Instant at = Instant.now().minusSeconds(86_400L * 30);
            List<IssuedCard> batch = new ArrayList<>();
            for (int i = 0; i < earlierCalls; i++) {
                batch.addAll(call(at.plusSeconds(i)));
                if (batch.size() >= 400) {
                    store.recordIssued(batch);
                    batch.clear();
                }
            }
            store.recordIssued(batch);
            return new Log(settings.isEmpty() ? "(H2 defaults)" : settings, Path.of(base + ".mv.db"), pool, store);
        }

        long fileSize() throws java.io.IOException {
            return Files.size(file);
        }
    }
}
