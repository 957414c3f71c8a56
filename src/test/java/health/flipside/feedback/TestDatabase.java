package health.flipside.feedback;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the store tests run on: embedded H2 (in memory) and the real PostgreSQL of the machine
 * (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth; override with the system properties
 * {@code flipside.test.pg.host/port/db/user/password}). Each {@link #open()} gives a database no other test sees — a
 * fresh H2 in-memory database, or a fresh PostgreSQL schema dropped on close — with the Flyway migrations applied.
 *
 * <p>PostgreSQL is required: a machine without it fails the PostgreSQL cases with the reason, unless
 * {@code -Dflipside.test.pg=skip} is given.
 */
public enum TestDatabase {
    H2 {
        @Override
        Isolated create() {
            JdbcDataSource dataSource = new JdbcDataSource();
            // DB_CLOSE_DELAY=-1: the in-memory database lives until closed, not until its first connection closes
            String name = "fb_" + UUID.randomUUID().toString().replace("-", "");
            dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            return new Isolated(dataSource, () -> execute(dataSource, "SHUTDOWN"));
        }
    },
    POSTGRESQL {
        @Override
        Isolated create() throws SQLException {
            String schema = "fb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
            PGSimpleDataSource admin = postgres(null);
            execute(admin, "CREATE SCHEMA " + schema);
            PGSimpleDataSource dataSource = postgres(schema);
            return new Isolated(dataSource, () -> execute(admin, "DROP SCHEMA " + schema + " CASCADE"));
        }
    };

    abstract Isolated create() throws SQLException;

    /** A migrated, isolated database; close drops it. */
    public Isolated open() throws SQLException {
        Isolated isolated = openEmpty();
        Migrations.migrate(isolated.dataSource());
        return isolated;
    }

    /** An isolated database without the schema (tests of a migration); close drops it. */
    public Isolated openEmpty() throws SQLException {
        if (this == POSTGRESQL && "skip".equals(System.getProperty("flipside.test.pg"))) {
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL skipped (-Dflipside.test.pg=skip)");
        }
        Isolated isolated;
        try {
            isolated = create();
        } catch (SQLException e) {
            throw new SQLException(this + " is not reachable for the store tests (" + e.getMessage()
                    + "); start it or run with -Dflipside.test.pg=skip", e);
        }
        return isolated;
    }

    public static Stream<TestDatabase> all() {
        return Stream.of(values());
    }

    public record Isolated(DataSource dataSource, Cleanup cleanup) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            cleanup.run();
        }
    }

    @FunctionalInterface
    interface Cleanup {
        void run() throws SQLException;
    }

    static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {System.getProperty("flipside.test.pg.host", "127.0.0.1")});
        dataSource.setPortNumbers(new int[] {Integer.getInteger("flipside.test.pg.port", 5432)});
        dataSource.setDatabaseName(System.getProperty("flipside.test.pg.db", "test"));
        dataSource.setUser(System.getProperty("flipside.test.pg.user", "postgres"));
        dataSource.setPassword(System.getProperty("flipside.test.pg.password", ""));
        dataSource.setConnectTimeout(5);
        if (schema != null) {
            dataSource.setCurrentSchema(schema);
        }
        return dataSource;
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
