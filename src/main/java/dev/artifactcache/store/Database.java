package dev.artifactcache.store;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.flywaydb.core.Flyway;

import java.util.Map;

/** Opens the database: Flyway brings the schema up to date first, then DbClient pools connections. */
public final class Database {

    private Database() {
    }

    public static DbClient open(String jdbcUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Config db = Config.just(ConfigSources.create(Map.of(
                "source", "jdbc",
                "connection.url", jdbcUrl,
                "connection.username", user,
                "connection.password", password,
                "connection.poolName", "artifact-cache")));
        return DbClient.create(db);
    }
}
