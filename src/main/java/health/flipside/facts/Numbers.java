package health.flipside.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as card texts print them: "5.5", "14", never "14.0" or "5.499999". */
public final class Numbers {
    private Numbers() {
    }

    public static String oneDecimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    public static String whole(double value) {
        return BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}
