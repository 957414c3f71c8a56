package health.flipside.feedback;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the feedback schema up to date with Flyway: the versioned scripts in {@code src/main/resources/db/migration}
 * ({@code V<n>__<what>.sql}), portable between H2 and PostgreSQL. A script once released is never edited; a change
 * is a new version. Flyway takes a lock, so several servers starting on one PostgreSQL database migrate once.
 *
 * <p>Liberty's class loader cannot list a folder: each folder Flyway scans holds an empty {@code flyway.location}
 * marker so that Flyway finds it — {@code db/migration} and {@code db/callback} (which Flyway always scans for
 * callbacks; there are none yet).
 */
public final class Migrations {
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** @return the number of scripts applied now (0 when the schema was already current) */
    public static int migrate(DataSource dataSource) {
        return flyway(dataSource).migrate().migrationsExecuted;
    }

    /** Up to the given version only: what a database released with that version holds (tests of a later script). */
    static void migrateTo(DataSource dataSource, String version) {
        configure(dataSource).target(version).load().migrate();
    }

    private static Flyway flyway(DataSource dataSource) {
        return configure(dataSource).load();
    }

    private static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // the table a hospital's DBA sees next to ours: name it after us
                .table("flipside_schema_history")
                .failOnMissingLocations(true)
                // a schema shared with other applications (a hospital's PostgreSQL) is not empty at first start:
                // start the history at version 0 there, so that V1 still runs
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }
}
