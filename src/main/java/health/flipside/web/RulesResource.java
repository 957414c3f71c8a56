package health.flipside.web;

import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import health.flipside.content.ReloadReport;
import health.flipside.services.ContentHolder;
import health.flipside.content.ContentReloader;

/** {@code GET /admin/rules}: the set serving (since when, which rules and templates) and the last reload and refusal. */
@Path("admin/rules")
@RequestScoped
public class RulesResource {
    @Inject
    ContentHolder holder;

    @Inject
    ContentReloader reloader;

    /** @param lastRefusal null when no reload was ever refused */
    public record ServingSet(String loadedAt, int ruleCount, List<String> rules, List<String> templates, String rulesDir,
                             String cardsDir, boolean watching, ReloadReport lastReload, ReloadReport lastRefusal) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        ContentHolder.Serving serving = holder.serving();
        TreeSet<String> rules = new TreeSet<>();
        serving.content().rules().kieBase().getKiePackages().forEach(p -> p.getRules().forEach(r -> rules.add(r.getName())));
        return AdminJson.ok(new ServingSet(serving.loadedAt().toString(), serving.content().rules().ruleCount(),
                List.copyOf(rules), List.copyOf(new TreeSet<>(serving.content().cards().templates().keySet())),
                reloader.rulesDir().toString(), reloader.cardsDir().toString(), reloader.watching(), reloader.last(),
                reloader.lastRefusal()));
    }
}
