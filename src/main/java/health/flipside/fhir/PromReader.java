package health.flipside.fhir;

import static health.flipside.fhir.PromInstruments.PHQ9_LINK_IDS;
import static health.flipside.fhir.PromInstruments.SCORES;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import health.flipside.fhir.PromInstruments.ItemInstrument;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import health.flipside.facts.proms.PromScore;

/**
 * Patient-reported outcome measures (docs/clinical-sources.md, PROMs) from score Observations (category survey, value a
 * number) and from QuestionnaireResponses, which Flipside scores itself from the item answers (PHQ-9, PHQ-2, GAD-7).
 * Which instruments, codes and forms it knows is {@link PromInstruments}; how an item answer reads, {@link PromAnswers}.
 *
 * <p>One administration counts once: a score Observation {@code derivedFrom} a QuestionnaireResponse, item
 * Observations that a panel or total lists in {@code hasMember}, a panel's components, and unlinked parts of one
 * instrument completed in the same minute are merged into one {@link PromScore}. The result's scale says how
 * complete it is: {@code total} (a recorded total, or all items answered on a completed form), {@link #INCOMPLETE}
 * (a form with items missing, or not submitted: never scored, prorating is not done) or {@link #ITEMS} (item
 * Observations without any total). Item answers are kept by item number ("9" → 2) whatever the completeness, so
 * the safety item is read even from a partial form.
 *
 * <p>Who completed it: the QuestionnaireResponse's {@code author} (the person who recorded the answers), or, when
 * absent, its {@code source} (who answered); a Patient or RelatedPerson means completed remotely by the patient, a
 * practitioner means staff-administered. Without a QuestionnaireResponse, the Observations' {@code performer}
 * decides the same way (§8.1). A resource Flipside cannot read (no time, no value) is skipped and counted.
 */
final class PromReader {
    static final String LOINC = ObservationCodes.LOINC;
    /** Every panel, score and item code of a form. */
    private static final Set<String> PROM_CODES = PromInstruments.codes();
    /** The scale of a form whose items are not all answered (or that was not submitted): not scored. */
    static final String INCOMPLETE = "incomplete";
    /** The scale of item Observations with no total: their answers only. */
    static final String ITEMS = "items";
    static final String ORDINAL_VALUE = FhirValues.ORDINAL_VALUE;

    record Read(List<PromScore> scores, int skipped) {
    }

    /** @param observations the Observations that may be read (final, amended, corrected) */
    Read read(List<Resource> resources, List<ObservationView> observations) {
        Map<String, Resource> unique = new LinkedHashMap<>();
        for (Resource resource : resources) {
            String id = resource.getIdElement().getIdPart();
            unique.putIfAbsent(id == null ? "#" + unique.size() : resource.fhirType() + "/" + id, resource);
        }
        Map<String, ObservationView> uniqueObservations = new LinkedHashMap<>();
        for (ObservationView observation : observations) {
            String id = observation.id();
            uniqueObservations.putIfAbsent(id == null ? "#" + uniqueObservations.size() : "Observation/" + id, observation);
        }
        Map<String, Questionnaire> questionnaires = new HashMap<>();
        for (Resource resource : unique.values()) {
            if (resource instanceof Questionnaire q) {
                if (q.hasUrl()) {
                    questionnaires.put(q.getUrl(), q);
                }
                if (q.getIdElement().getIdPart() != null) {
                    questionnaires.put("Questionnaire/" + q.getIdElement().getIdPart(), q);
                }
            }
        }
        // Members of panels and totals (hasMember) belong to their parent's administration.
        Map<String, String> parentOf = new HashMap<>();
        for (ObservationView o : uniqueObservations.values()) {
            if (isPromPart(o)) {
                String key = baseKey(o);
                o.hasMember().forEach(r -> parentOf.put("Observation/" + new IdType(r).getIdPart(), key));
            }
        }

        List<PromScore> scores = new ArrayList<>();
        Map<String, Administration> administrations = new LinkedHashMap<>();
        int skipped = 0;
        for (Resource resource : unique.values()) {
            if (resource instanceof QuestionnaireResponse response && !readResponse(response, questionnaires, administrations)) {
                skipped++;
            }
        }
        for (ObservationView observation : uniqueObservations.values()) {
            skipped += readObservation(observation, parentOf, administrations, scores);
        }
        scores.addAll(merge(administrations.values()));
        return new Read(scores, skipped);
    }

    // ---- Observations ------------------------------------------------------------------------------------------

    /** @return the number of unreadable parts (0 or 1) */
    private static int readObservation(ObservationView observation, Map<String, String> parentOf,
                                       Map<String, Administration> administrations, List<PromScore> scores) {
        Set<String> codes = observation.code().codes();
        if (!observation.code().hasAnyOf(PROM_CODES) && !hasScoreComponents(observation)) {
            return 0; // most Observations are readings, not forms: ruled out with one look at their codes
        }
        Optional<ItemInstrument> panel = panelOf(codes);
        String[] scale = codes.stream().map(SCORES::get).filter(s -> s != null).findFirst().orElse(null);
        Optional<ItemPart> item = itemOf(codes);
        if (scale == null && panel.isEmpty() && item.isEmpty() && !hasScoreComponents(observation)) {
            return 0;
        }
        Optional<ObservedTime> time = observation.effective();
        if (time.isEmpty()) {
            return 1;
        }
        boolean remote = Performers.byPatient(observation.performers());
        String key = key(observation, parentOf);
        int unreadable = 0;
        if (scale != null) {
            Double value = FhirValues.number(observation.value()).orElse(null);
            if (value == null) {
                return 1;
            }
            Optional<ItemInstrument> itemInstrument = ItemInstrument.byLabel(scale[0]);
            if (itemInstrument.isPresent() && "total".equals(scale[1])) {
                administration(administrations, key, itemInstrument.get()).observed(time.get(), remote).recordedTotal = value;
            } else {
                scores.add(new PromScore(scale[0], scale[1], value, time.get().instant(), time.get().local(), remote, Map.of()));
            }
        } else if (item.isPresent()) {
            Optional<Integer> answer = PromAnswers.answer(observation.value(), Map.of());
            if (answer.isEmpty()) {
                return 1;
            }
            administration(administrations, key, item.get().instrument()).observed(time.get(), remote)
                    .items.put(item.get().number(), answer.get());
        } else if (panel.isPresent()) {
            administration(administrations, key, panel.get()).observed(time.get(), remote);
        }
        // Components: a panel's items and total, or several scores in one Observation (e.g. PROMIS-29 domains).
        for (ObservationView.Component component : observation.components()) {
            Set<String> componentCodes = component.code().codes();
            String[] componentScale = componentCodes.stream().map(SCORES::get).filter(s -> s != null).findFirst().orElse(null);
            Optional<ItemPart> componentItem = panel.flatMap(p -> itemOf(componentCodes, p)).or(() -> itemOf(componentCodes));
            if (componentScale != null) {
                Optional<Double> value = FhirValues.number(component.value());
                if (value.isEmpty()) {
                    unreadable = 1;
                    continue;
                }
                Optional<ItemInstrument> itemInstrument = ItemInstrument.byLabel(componentScale[0]);
                if (itemInstrument.isPresent() && "total".equals(componentScale[1])) {
                    administration(administrations, key, itemInstrument.get()).observed(time.get(), remote).recordedTotal = value.get();
                } else {
                    scores.add(new PromScore(componentScale[0], componentScale[1], value.get(),
                            time.get().instant(), time.get().local(), remote, Map.of()));
                }
            } else if (componentItem.isPresent()) {
                Optional<Integer> answer = PromAnswers.answer(component.value(), Map.of());
                if (answer.isEmpty()) {
                    unreadable = 1;
                    continue;
                }
                administration(administrations, key, componentItem.get().instrument()).observed(time.get(), remote)
                        .items.put(componentItem.get().number(), answer.get());
            }
        }
        return unreadable;
    }

    private static boolean isPromPart(ObservationView o) {
        return panelOf(o.code().codes()).isPresent() || o.code().hasAnyOf(SCORES.keySet());
    }

    private static boolean hasScoreComponents(ObservationView observation) {
        for (ObservationView.Component c : observation.components()) {
            if (c.code().hasAnyOf(SCORES.keySet())) {
                return true;
            }
        }
        return false;
    }

    /** The administration an Observation belongs to: the form it was derived from, its parent, or itself. */
    private static String key(ObservationView observation, Map<String, String> parentOf) {
        Optional<String> response = derivedFromResponse(observation);
        if (response.isPresent()) {
            return response.get();
        }
        String own = ownKey(observation);
        return parentOf.getOrDefault(own, own);
    }

    /** The form it was derived from, or itself: what a panel's members are grouped under. */
    private static String baseKey(ObservationView observation) {
        return derivedFromResponse(observation).orElseGet(() -> ownKey(observation));
    }

    private static Optional<String> derivedFromResponse(ObservationView observation) {
        return observation.derivedFrom().stream().map(IdType::new)
                .filter(id -> "QuestionnaireResponse".equals(id.getResourceType()))
                .map(id -> "QuestionnaireResponse/" + id.getIdPart()).findFirst();
    }

    private static String ownKey(ObservationView observation) {
        String id = observation.id();
        return "Observation/" + (id == null ? System.identityHashCode(observation) : id);
    }

    private static Optional<ItemInstrument> panelOf(Set<String> codes) {
        for (ItemInstrument instrument : ItemInstrument.ALL) {
            if (codes.contains(instrument.panelCode)) {
                return Optional.of(instrument);
            }
        }
        return Optional.empty();
    }

    record ItemPart(ItemInstrument instrument, int number) {
    }

    /** An item code of any item instrument; a PHQ item alone is read as PHQ-9 (its items 1–2 are the PHQ-2's). */
    private static Optional<ItemPart> itemOf(Set<String> codes) {
        for (ItemInstrument instrument : List.of(ItemInstrument.PHQ9, ItemInstrument.GAD7)) {
            Optional<ItemPart> part = itemOf(codes, instrument);
            if (part.isPresent()) {
                return part;
            }
        }
        return Optional.empty();
    }

    private static Optional<ItemPart> itemOf(Set<String> codes, ItemInstrument instrument) {
        for (String code : codes) {
            if (code.startsWith(LOINC + "|")) {
                int number = instrument.number(code.substring(LOINC.length() + 1));
                if (number > 0) {
                    return Optional.of(new ItemPart(instrument, number));
                }
            }
        }
        return Optional.empty();
    }

    // ---- QuestionnaireResponses --------------------------------------------------------------------------------

    /** @return false when the form could not be read (no authored time) */
    private static boolean readResponse(QuestionnaireResponse response, Map<String, Questionnaire> questionnaires,
                                        Map<String, Administration> administrations) {
        if (response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR) {
            return true;
        }
        Questionnaire questionnaire = questionnaireOf(response, questionnaires);
        Optional<ItemInstrument> declared = declaredInstrument(response, questionnaire);
        Map<String, Map<String, Integer>> ordinals = new HashMap<>();
        Map<String, Set<String>> codesByLinkId = new HashMap<>();
        if (questionnaire != null) {
            index(questionnaire.getItem(), codesByLinkId, ordinals);
        }
        // Answers by instrument and item number.
        Map<ItemInstrument, Map<Integer, Integer>> answers = new LinkedHashMap<>();
        List<QuestionnaireResponse.QuestionnaireResponseItemComponent> flat = new ArrayList<>();
        flatten(response.getItem(), flat);
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : flat) {
            if (!item.hasAnswer()) {
                continue;
            }
            Optional<ItemPart> part = itemPart(item, declared, codesByLinkId.getOrDefault(item.getLinkId(), Set.of()));
            if (part.isEmpty()) {
                continue;
            }
            Optional<Integer> value = PromAnswers.answer(FhirValues.of(item.getAnswerFirstRep().getValue()),
                    ordinals.getOrDefault(item.getLinkId(), Map.of()));
            value.ifPresent(v -> answers.computeIfAbsent(part.get().instrument(), i -> new TreeMap<>())
                    .put(part.get().number(), v));
        }
        // Undeclared, with only the first two PHQ items: a PHQ-2, not an unfinished PHQ-9.
        Map<Integer, Integer> phq = answers.get(ItemInstrument.PHQ9);
        if (declared.isEmpty() && phq != null && phq.keySet().stream().allMatch(n -> n <= 2)) {
            answers.put(ItemInstrument.PHQ2, answers.remove(ItemInstrument.PHQ9));
        }
        if (answers.isEmpty()) {
            return true; // not a form Flipside scores
        }
        Optional<ObservedTime> authoredAt = response.hasAuthored() ? ObservedTime.of(response.getAuthoredElement()) : Optional.empty();
        if (authoredAt.isEmpty()) {
            return false;
        }
        ObservedTime authored = authoredAt.get();
        boolean remote = response.hasAuthor() ? Performers.byPatient(reference(response.getAuthor()))
                : response.hasSource() && Performers.byPatient(reference(response.getSource()));
        boolean submitted = response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                || response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED;
        String key = "QuestionnaireResponse/" + response.getIdElement().getIdPart();
        answers.forEach((instrument, items) -> {
            Administration a = administration(administrations, key, instrument);
            a.response = true;
            a.submitted = submitted;
            a.time = authored;
            a.remote = remote;
            a.items.putAll(items);
        });
        return true;
    }

    private static List<String> reference(Reference reference) {
        return reference.getReference() == null ? List.of() : List.of(reference.getReference());
    }

    private static Questionnaire questionnaireOf(QuestionnaireResponse response, Map<String, Questionnaire> known) {
        String canonical = response.getQuestionnaire();
        if (canonical == null) {
            return null;
        }
        if (canonical.startsWith("#")) {
            return response.getContained().stream().filter(Questionnaire.class::isInstance).map(Questionnaire.class::cast)
                    .filter(q -> canonical.substring(1).equals(q.getIdElement().getIdPart())).findFirst().orElse(null);
        }
        String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        Questionnaire q = known.get(url);
        return q != null ? q : known.get("Questionnaire/" + new IdType(url).getIdPart());
    }

    /** The instrument a form says it is: its Questionnaire's code, or its canonical (LOINC panel or name). */
    private static Optional<ItemInstrument> declaredInstrument(QuestionnaireResponse response, Questionnaire questionnaire) {
        if (questionnaire != null) {
            for (Coding coding : questionnaire.getCode()) {
                for (ItemInstrument i : ItemInstrument.ALL) {
                    if (i.panel.equals(coding.getCode())) {
                        return Optional.of(i);
                    }
                }
            }
        }
        String canonical = response.getQuestionnaire();
        if (canonical == null) {
            return Optional.empty();
        }
        for (ItemInstrument i : ItemInstrument.ALL) {
            if (canonical.contains(i.panel) || i.canonical.matcher(canonical).find()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static void index(List<Questionnaire.QuestionnaireItemComponent> items, Map<String, Set<String>> codes,
                              Map<String, Map<String, Integer>> ordinals) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            Set<String> itemCodes = new HashSet<>();
            item.getCode().forEach(c -> itemCodes.add(c.getSystem() + "|" + c.getCode()));
            codes.put(item.getLinkId(), itemCodes);
            Map<String, Integer> byAnswer = new HashMap<>();
            for (Questionnaire.QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
                if (option.hasValueCoding()) {
                    FhirValues.ordinal(option.getExtension()).or(() -> FhirValues.ordinal(option.getValueCoding().getExtension()))
                            .ifPresent(v -> byAnswer.put(option.getValueCoding().getCode(), v));
                }
            }
            ordinals.put(item.getLinkId(), byAnswer);
            index(item.getItem(), codes, ordinals);
        }
    }

    private static void flatten(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
                                List<QuestionnaireResponse.QuestionnaireResponseItemComponent> into) {
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
            into.add(item);
            flatten(item.getItem(), into);
            item.getAnswer().forEach(a -> flatten(a.getItem(), into));
        }
    }

    /**
     * Which item of which instrument a response item answers: by the Questionnaire's item code, by a LOINC code as
     * linkId (LHC-Forms "/44260-8") or as definition, or by a published PHQ-9 layout when the form is a PHQ-9.
     */
    private static Optional<ItemPart> itemPart(QuestionnaireResponse.QuestionnaireResponseItemComponent item,
                                               Optional<ItemInstrument> declared, Set<String> questionnaireCodes) {
        Set<String> codes = new HashSet<>(questionnaireCodes);
        String linkId = item.getLinkId() == null ? "" : item.getLinkId();
        String[] segments = linkId.split("/");
        if (segments.length > 0) {
            codes.add(LOINC + "|" + segments[segments.length - 1].trim());
        }
        if (item.hasDefinition()) {
            String definition = item.getDefinition();
            codes.add(LOINC + "|" + definition.substring(Math.max(definition.lastIndexOf('/'), definition.lastIndexOf('#')) + 1));
        }
        if (declared.isPresent()) {
            Optional<ItemPart> part = itemOf(codes, declared.get());
            if (part.isPresent()) {
                return part;
            }
            if (declared.get() == ItemInstrument.PHQ9) {
                for (Pattern layout : PHQ9_LINK_IDS) {
                    Matcher m = layout.matcher(linkId);
                    if (m.matches()) {
                        return Optional.of(new ItemPart(ItemInstrument.PHQ9, Integer.parseInt(m.group(1))));
                    }
                }
            }
        }
        return itemOf(codes); // a combined form (PHQ-9 + GAD-7) answers items of both
    }

    // ---- administrations ---------------------------------------------------------------------------------------

    /** The parts of one administration of an item instrument, gathered from a form and its Observations. */
    private static final class Administration {
        final ItemInstrument instrument;
        final Map<Integer, Integer> items = new TreeMap<>();
        ObservedTime time;
        /** Who completed it: from the form when there is one, else any Observation performed by the patient. */
        boolean remote;
        boolean response;
        boolean submitted;
        Double recordedTotal;

        Administration(ItemInstrument instrument) {
            this.instrument = instrument;
        }

        /** Adds an Observation's time and performer; a form's authored time and author win. */
        Administration observed(ObservedTime effective, boolean byPatient) {
            if (!response) {
                if (time == null || effective.isBefore(time)) {
                    time = effective;
                }
                remote = remote || byPatient;
            }
            return this;
        }

        Instant instant() {
            return time.instant();
        }

        void absorb(Administration other) {
            if (other.response && !response) {
                response = true;
                submitted = other.submitted;
                time = other.time;
                remote = other.remote;
            } else if (!response && !other.response) {
                remote = remote || other.remote;
                if (other.time.isBefore(time)) {
                    time = other.time;
                }
            }
            other.items.forEach(items::putIfAbsent);
            if (recordedTotal == null) {
                recordedTotal = other.recordedTotal;
            }
        }
    }

    private static Administration administration(Map<String, Administration> all, String key, ItemInstrument instrument) {
        return all.computeIfAbsent(key + "#" + instrument.name(), k -> new Administration(instrument));
    }

    /**
     * Parts of one instrument completed in the same minute and not linked by any reference are one administration
     * (an EHR that files the total and item 9 as separate Observations, or a score Observation beside its form).
     */
    private static List<PromScore> merge(java.util.Collection<Administration> parts) {
        Map<String, Administration> byMinute = new LinkedHashMap<>();
        for (Administration part : parts) {
            if (part.time == null) {
                continue;
            }
            String minute = part.instrument.name() + "|" + part.instant().truncatedTo(ChronoUnit.MINUTES);
            Administration existing = byMinute.get(minute);
            if (existing == null) {
                byMinute.put(minute, part);
            } else if (part.response && !existing.response) {
                part.absorb(existing);
                byMinute.put(minute, part);
            } else {
                existing.absorb(part);
            }
        }
        List<PromScore> scores = new ArrayList<>();
        for (Administration a : byMinute.values()) {
            Map<String, Integer> items = new LinkedHashMap<>();
            a.items.forEach((number, value) -> items.put(String.valueOf(number), value));
            int expected = a.instrument.items.size();
            String scale;
            double score;
            if (a.recordedTotal != null) {
                scale = "total";
                score = a.recordedTotal;
            } else if ((!a.response || a.submitted) && a.items.size() == expected) {
                // every item answered: on a submitted form, or as item Observations (a panel's components)
                scale = "total";
                score = a.items.values().stream().mapToInt(Integer::intValue).sum();
            } else if (a.items.isEmpty()) {
                continue; // a panel with nothing in it
            } else {
                scale = a.response ? INCOMPLETE : ITEMS;
                score = a.items.values().stream().mapToInt(Integer::intValue).sum();
            }
            scores.add(new PromScore(a.instrument.label, scale, score, a.instant(), a.time.local(), a.remote, items));
        }
        return scores;
    }
}
