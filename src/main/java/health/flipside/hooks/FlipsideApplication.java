package health.flipside.hooks;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root: CDS Hooks lives at {@code /cds-services} (CDS Hooks 2.0 "Discovery"). */
@ApplicationPath("/")
public class FlipsideApplication extends Application {
}
