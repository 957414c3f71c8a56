package health.flipside.cards;

import java.util.List;
import java.util.stream.Collectors;

import health.flipside.rules.SourceProblem;

/** Card templates that cannot be used; the message names the file (and line), {@link #problems()} as records. */
public class CardCatalogException extends RuntimeException {
    private final transient List<SourceProblem> problems;

    public CardCatalogException(String message) {
        super(message);
        this.problems = List.of(SourceProblem.of(message));
    }

    public CardCatalogException(List<SourceProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString() : "Card templates refused:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    static CardCatalogException at(java.nio.file.Path file, int line, String message) {
        return new CardCatalogException(List.of(new SourceProblem(file, line, message)));
    }

    public List<SourceProblem> problems() {
        return problems;
    }
}
