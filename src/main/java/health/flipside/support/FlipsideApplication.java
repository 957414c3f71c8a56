package health.flipside.support;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** JAX-RS root: CDS Hooks lives at {@code /cds-services} (CDS Hooks 2.0 "Discovery"); OpenAPI at {@code /openapi}. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Flipside", version = "0.1.0",
        description = "CDS Hooks 2.0 service: patient-generated data summaries for patient-view. Every /cds-services "
                + "call needs a JWT signed by a registered EHR (docs/registering.md)."))
public class FlipsideApplication extends Application {
}
