package health.flipside.devfhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.servlet.ServletException;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The FHIR REST endpoint: HAPI's {@link RestfulServer} wired to the JPA resource providers.
 *
 * <p>It takes its collaborators from the application context in {@link #initialize()} (servlet
 * init, after the context has refreshed) instead of through constructor injection: a servlet bean
 * that depends on HAPI's ~2,000 beans would create them all while Tomcat is being set up, before
 * Spring freezes its bean definitions, and every autowiring lookup would then scan every bean
 * definition uncached (measured: that alone cost tens of seconds of start-up).
 */
public class FhirRestfulServer extends RestfulServer {

	private static final long serialVersionUID = 1L;
	private static final String DESCRIPTION = "Flipside test/demo FHIR R4 server (HAPI FHIR JPA on in-memory H2; not for production)";

	private final transient ApplicationContext context;

	public FhirRestfulServer(ApplicationContext context) {
		this.context = context;
	}

	@Override
	@SuppressWarnings("unchecked")
	protected void initialize() throws ServletException {
		setFhirContext(context.getBean(FhirContext.class));
		setInterceptorService(context.getBean(IInterceptorService.class));
		setImplementationDescription(DESCRIPTION);
		setDefaultResponseEncoding(EncodingEnum.JSON);

		registerProviders(context.getBean("myResourceProvidersR4", ResourceProviderFactory.class).createProviders());
		registerProvider(context.getBean(JpaSystemProvider.class));

		// Pages beyond _count come back as next links. Flipside's laboratory search asks _count=5000 (two weeks of raw
		// CGM readings are over 1,000) and its condition, medication and device searches name no _count: a Synthea
		// patient has 20-odd active conditions. Each extra page is a round trip inside the hook's 1.8 s deadline.
		DatabaseBackedPagingProvider pagingProvider = context.getBean(DatabaseBackedPagingProvider.class);
		pagingProvider.setDefaultPageSize(100);
		pagingProvider.setMaximumPageSize(5000);
		setPagingProvider(pagingProvider);

		JpaCapabilityStatementProvider capabilityStatement = new JpaCapabilityStatementProvider(
				this,
				context.getBean(IFhirSystemDao.class),
				context.getBean(JpaStorageSettings.class),
				context.getBean(ISearchParamRegistry.class),
				context.getBean(IValidationSupport.class));
		capabilityStatement.setImplementationDescription(DESCRIPTION);
		setServerConformanceProvider(capabilityStatement);

		registerInterceptor(new CorsInterceptor(corsConfiguration()));
	}

	/** Browser clients (the CDS Hooks sandbox, the demo page) call this server cross-origin. */
	private static CorsConfiguration corsConfiguration() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(List.of("*"));
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"));
		cors.setAllowedHeaders(List.of(
				"Origin", "Accept", "Authorization", "Content-Type", "Prefer", "If-Match", "If-None-Exist",
				"If-Modified-Since", "If-None-Match", "X-Requested-With", "Access-Control-Request-Method",
				"Access-Control-Request-Headers"));
		cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
		cors.setAllowCredentials(true);
		cors.setMaxAge(3600L);
		return cors;
	}
}
