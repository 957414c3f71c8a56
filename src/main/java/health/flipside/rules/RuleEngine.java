package health.flipside.rules;

import java.util.Collection;
import java.util.List;

import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;

/** Runs one stateless Drools session over a request's facts and returns the findings the rules inserted. */
public final class RuleEngine {
    private static final String FINDINGS = "findings";
    private static final KieCommands COMMANDS = KieServices.Factory.get().getCommands();

    public List<Finding> evaluate(RuleSet rules, List<Object> facts) {
        List<Command<?>> commands = List.of(
                COMMANDS.newInsertElements(facts),
                COMMANDS.newFireAllRules(),
                COMMANDS.newGetObjects(new ClassObjectFilter(Finding.class), FINDINGS));
        ExecutionResults results = rules.kieBase().newStatelessKieSession().execute(COMMANDS.newBatchExecution(commands));
        @SuppressWarnings("unchecked")
        Collection<Finding> findings = (Collection<Finding>) results.getValue(FINDINGS);
        return List.copyOf(findings);
    }
}
