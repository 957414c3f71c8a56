package health.flipside.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.h2.jdbcx.JdbcDataSource;

import health.flipside.feedback.FeedbackStore;
import health.flipside.feedback.IssuedCard;

/**
 * How long after its commit one call's issued cards are in the embedded H2 file, with H2's own write delay (what
 * datasource-h2.xml uses; bench/README.md, "The issued-cards log on H2"): what a server killed that long after the
 * call would have kept. Each trial commits one call's cards at a random moment, then copies the file every 20 ms and
 * opens the copy as a database of its own until the cards are in it. Copying and opening take time too, so each
 * figure is an upper bound. Usage: {@code LogWriteDelay [trials, default 25]}.
 */
public final class LogWriteDelay {
    private LogWriteDelay() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        Path dir = Files.createTempDirectory("flipside-logwritedelay");
        LogCost.Log log = LogCost.Log.open(dir.resolve("log"), "", 0);
        Random random = new Random(1);
        List<Long> millis = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Thread.sleep(random.nextInt(700)); // anywhere in H2's write cycle
            List<IssuedCard> cards = LogCost.call(Instant.now());
            long committed = System.nanoTime();
            log.store().recordIssued(cards);
            while (!inCopy(log.file(), cards.get(0).cardUuid())) {
                Thread.sleep(20);
            }
            millis.add((System.nanoTime() - committed) / 1_000_000);
        }
        Collections.sort(millis);
        System.out.println("ms from commit to file, " + trials + " trials, sorted: " + millis);
        log.pool().dispose();
    }

    private static boolean inCopy(Path file, String cardUuid) throws java.io.IOException {
        Path copy = Files.createTempDirectory(file.getParent(), "copy").resolve("log");
        Files.copy(file, Path.of(copy + ".mv.db"));
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + copy);
        dataSource.setUser("flipside");
        try {
            return new FeedbackStore(dataSource).isIssued(cardUuid);
        } catch (SQLException e) {
            return false; // the copy caught the file before its schema was written
        }
    }
}
