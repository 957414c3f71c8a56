package health.flipside.devfhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Test/demo FHIR R4 server of Flipside: the HAPI FHIR JPA engine on an in-memory H2 database,
 * served at {@code http://127.0.0.1:<server.port>/fhir}. Not for production: nothing is persisted
 * and there is no authentication.
 */
@SpringBootApplication(
		// Spring Boot's own data-source/JPA wiring is replaced by FhirJpaConfig (HAPI needs its own
		// entity manager factory); Elasticsearch clients would keep dialling localhost:9200; Quartz,
		// Flyway, Liquibase, Thymeleaf, WebSocket, mail and Spring's task scheduler come onto the class
		// path through HAPI and are not used here (HAPI runs its own scheduler and Thymeleaf engine).
		excludeName = {
			"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
			"org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
			"org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration",
			"org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchDataAutoConfiguration",
			"org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchRepositoriesAutoConfiguration",
			"org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration",
			"org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
			"org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
			"org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration",
			"org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration",
			"org.springframework.boot.autoconfigure.websocket.servlet.WebSocketMessagingAutoConfiguration",
			"org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
			"org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration",
			"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration"
		})
public class FlipsideFhirServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(FlipsideFhirServerApplication.class, args);
	}

	/** Mounts the FHIR endpoint at /fhir/*; initialised at start-up so the first request is not slow. */
	@Bean
	public ServletRegistrationBean<FhirRestfulServer> fhirServlet(ApplicationContext context) {
		ServletRegistrationBean<FhirRestfulServer> registration =
				new ServletRegistrationBean<>(new FhirRestfulServer(context), "/fhir/*");
		registration.setName("fhirServlet");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
