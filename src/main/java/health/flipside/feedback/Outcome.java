package health.flipside.feedback;

import java.util.Arrays;
import java.util.Optional;

/** CDS Hooks 2.0 feedback outcomes. */
public enum Outcome {
    ACCEPTED("accepted"),
    OVERRIDDEN("overridden");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Outcome> of(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
