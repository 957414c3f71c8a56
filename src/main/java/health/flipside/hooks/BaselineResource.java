package health.flipside.hooks;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import health.flipside.support.JsonMapper;

/**
 * The benchmark's baseline (bench/README.md): parses the same hook body with Jackson and answers no cards, so a
 * run can compare Flipside with the bare cost of Liberty + JSON on the same machine. Off unless
 * {@code flipside.benchmark.baseline=true}.
 */
@Path("benchmark/baseline")
public class BaselineResource {
    @Inject
    @ConfigProperty(name = "flipside.benchmark.baseline", defaultValue = "false")
    boolean enabled;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public CardsResponse parseOnly(String body) throws JsonProcessingException {
        if (!enabled) {
            throw new NotFoundException();
        }
        JsonMapper.MAPPER.readTree(body);
        return new CardsResponse(java.util.List.of());
    }
}
