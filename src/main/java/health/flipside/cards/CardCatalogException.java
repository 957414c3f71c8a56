package health.flipside.cards;

/** Card templates that cannot be used; the message names the file. */
public class CardCatalogException extends RuntimeException {
    public CardCatalogException(String message) {
        super(message);
    }
}
