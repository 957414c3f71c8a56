package health.flipside.services;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every CDS service Flipside hosts, found by CDI; discovery and routing both read from here. */
@ApplicationScoped
public class ServiceRegistry {
    @Inject
    @Any
    Instance<CdsService> services;

    public List<CdsService> all() {
        return services.stream().sorted(Comparator.comparing(s -> s.descriptor().id())).toList();
    }

    public Optional<CdsService> byId(String id) {
        return services.stream().filter(s -> s.descriptor().id().equals(id)).findFirst();
    }
}
