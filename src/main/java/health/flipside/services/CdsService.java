package health.flipside.services;

import java.util.List;

import health.flipside.cards.Card;

/** One CDS service: its descriptor (which also drives discovery) and how it answers a hook call. */
public interface CdsService {
    ServiceDescriptor descriptor();

    List<Card> handle(HookCall call);
}
