package health.flipside.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.StatelessKieSession;

/** Runs one stateless Drools session over a request's facts and returns the findings the rules inserted. */
public final class RuleEngine {
    private static final String FINDINGS = "findings";
    private static final KieCommands COMMANDS = KieServices.Factory.get().getCommands();

    /** A rule that fired, with the facts its conditions matched (for authors: "which rule fired on which facts"). */
    public record Firing(String ruleId, List<Object> facts) {
        public Firing {
            facts = List.copyOf(facts);
        }
    }

    /** Findings plus the firings behind them, in firing order. */
    public record Trace(List<Finding> findings, List<Firing> firings) {
    }

    public List<Finding> evaluate(RuleSet rules, List<Object> facts) {
        return execute(rules.sessions().newStatelessKieSession(), facts);
    }

    /** As {@link #evaluate}, recording every firing: for previews and scenario reports, not the request path. */
    public Trace trace(RuleSet rules, List<Object> facts) {
        StatelessKieSession session = rules.kieBase().newStatelessKieSession();
        List<Firing> firings = new ArrayList<>();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firings.add(new Firing(event.getMatch().getRule().getName(), event.getMatch().getObjects().stream()
                        .filter(o -> !(o instanceof Finding)).toList()));
            }
        });
        return new Trace(execute(session, facts), firings);
    }

    private static List<Finding> execute(StatelessKieSession session, List<Object> facts) {
        List<Command<?>> commands = List.of(
                COMMANDS.newInsertElements(facts),
                COMMANDS.newFireAllRules(),
                COMMANDS.newGetObjects(new ClassObjectFilter(Finding.class), FINDINGS));
        ExecutionResults results = session.execute(COMMANDS.newBatchExecution(commands));
        @SuppressWarnings("unchecked")
        Collection<Finding> findings = (Collection<Finding>) results.getValue(FINDINGS);
        return List.copyOf(findings);
    }
}
