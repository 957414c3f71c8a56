package health.flipside.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An Observation read straight from the request's JSON tree, without a HAPI model: building one for each of
 * thousands of readings cost several times the parse of the body itself (bench/README.md).
 *
 * <p>Only the usual shapes are read this way: every element known, of the JSON type FHIR gives it, with values HAPI
 * would read the same (full date-times with an offset, plain numbers, known status codes, no blank or padded text).
 * Anything else — an extension or a primitive's {@code _element}, contained resources, a partial date, a number as a
 * string, an element Flipside does not know — makes {@link #read} decline, and the entry goes through HAPI as before,
 * which keeps its answer to odd input (skipped reading, or a 400 naming the prefetch key) exactly as it was.
 */
final class JsonObservation implements ObservationView {
    /** A full date-time to the second with an offset: what devices and EHRs send; partial dates go through HAPI. */
    private static final Set<String> STATUSES = Set.of("registered", "preliminary", "final", "amended", "corrected",
            "cancelled", "entered-in-error", "unknown");
    private static final Set<String> COMPARATORS = Set.of("<", "<=", ">=", ">");
    /** Larger numbers are not readings: HAPI reads them (or refuses them) its own way. */
    private static final double LARGEST = 1e12;

    private String id;
    private String status;
    private Concept code = Concept.NONE;
    private ObservedTime effectiveDateTime;
    private ObservedTime periodStart;
    private ObservedTime periodEnd;
    private boolean hasPeriod;
    private Instant issued;
    private ObservedValue value = ObservedValue.NONE;
    private final List<Component> components = new ArrayList<>();
    private final List<String> performers = new ArrayList<>();
    private boolean hasDevice;
    private String deviceReference;
    private final List<String> hasMember = new ArrayList<>();
    private final List<String> derivedFrom = new ArrayList<>();
    private final List<Concept> interpretation = new ArrayList<>();

    private JsonObservation() {
    }

    /**
     * The Observation of a Bundle entry, or empty when its shape is not one this reader knows (HAPI reads it then).
     *
     * @param fullUrl the entry's fullUrl, which names the resource as HAPI does for a Bundle's entries; null if none
     */
    static Optional<ObservationView> read(JsonNode resource, String fullUrl) {
        try {
            JsonObservation observation = new JsonObservation();
            observation.readAll(resource);
            if (fullUrl != null && !fullUrl.isBlank()) {
                observation.id = new IdType(fullUrl).getIdPart();
            }
            return Optional.of(observation);
        } catch (Unusual | RuntimeException e) { // RuntimeException: a shape this reader did not foresee — HAPI decides
            return Optional.empty();
        }
    }

    /** The shape is not one this reader knows. No stack trace: it is a branch, not an error. */
    private static final class Unusual extends Exception {
        private static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    private void readAll(JsonNode resource) throws Unusual {
        if (!resource.isObject()) {
            throw Unusual.INSTANCE;
        }
        boolean valueSeen = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = resource.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode node = field.getValue();
            switch (field.getKey()) {
                case "resourceType" -> require("Observation".equals(node.textValue()));
                case "id" -> id = id(node);
                case "meta" -> meta(node);
                case "status" -> {
                    status = text(node);
                    require(STATUSES.contains(status));
                }
                case "code" -> code = concept(node);
                case "category", "interpretation" -> {
                    List<Concept> concepts = new ArrayList<>();
                    for (JsonNode item : array(node)) {
                        concepts.add(concept(item));
                    }
                    if (field.getKey().equals("interpretation")) {
                        interpretation.addAll(concepts);
                    }
                }
                case "method", "bodySite", "dataAbsentReason" -> concept(node);
                case "subject", "encounter", "specimen" -> reference(node);
                case "basedOn", "partOf", "focus" -> references(node);
                case "performer" -> performers.addAll(references(node));
                case "hasMember" -> hasMember.addAll(references(node));
                case "derivedFrom" -> derivedFrom.addAll(references(node));
                case "device" -> {
                    deviceReference = reference(node);
                    hasDevice = true;
                }
                case "effectiveDateTime" -> effectiveDateTime = dateTime(node);
                case "effectivePeriod" -> {
                    hasPeriod = true;
                    for (Iterator<Map.Entry<String, JsonNode>> parts = object(node).fields(); parts.hasNext(); ) {
                        Map.Entry<String, JsonNode> part = parts.next();
                        switch (part.getKey()) {
                            case "start" -> periodStart = dateTime(part.getValue());
                            case "end" -> periodEnd = dateTime(part.getValue());
                            default -> throw Unusual.INSTANCE;
                        }
                    }
                }
                case "issued" -> issued = dateTime(node).instant();
                case "component" -> {
                    for (JsonNode component : array(node)) {
                        components.add(component(component));
                    }
                }
                default -> {
                    require(field.getKey().startsWith("value") && !valueSeen);
                    valueSeen = true;
                    value = value(field.getKey(), node);
                }
            }
        }
        require(effectiveDateTime == null || !hasPeriod); // effective[x] twice: HAPI decides
    }

    private Component component(JsonNode node) throws Unusual {
        Concept componentCode = Concept.NONE;
        ObservedValue componentValue = ObservedValue.NONE;
        boolean valueSeen = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object(node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "code" -> componentCode = concept(field.getValue());
                case "dataAbsentReason" -> concept(field.getValue());
                case "interpretation" -> {
                    for (JsonNode item : array(field.getValue())) {
                        concept(item);
                    }
                }
                default -> {
                    require(field.getKey().startsWith("value") && !valueSeen);
                    valueSeen = true;
                    componentValue = value(field.getKey(), field.getValue());
                }
            }
        }
        return new Component(componentCode, componentValue);
    }

    private static ObservedValue value(String name, JsonNode node) throws Unusual {
        return switch (name) {
            case "valueQuantity" -> quantity(node);
            case "valueCodeableConcept" -> new ObservedValue.Coded(concept(node));
            case "valueString" -> new ObservedValue.Text(text(node));
            case "valueBoolean" -> {
                require(node.isBoolean());
                yield new ObservedValue.Bool(node.booleanValue());
            }
            case "valueInteger" -> {
                require(node.isInt());
                yield new ObservedValue.Whole(node.intValue());
            }
            case "valueDateTime" -> new ObservedValue.DateTime(dateTime(node).instant());
            default -> throw Unusual.INSTANCE; // Range, Ratio, SampledData, time, Period, or not a value at all
        };
    }

    private static ObservedValue quantity(JsonNode node) throws Unusual {
        BigDecimal number = null;
        String unit = null;
        String code = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object(node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode part = field.getValue();
            switch (field.getKey()) {
                case "value" -> {
                    require(part.isNumber() && Double.isFinite(part.doubleValue()) && Math.abs(part.doubleValue()) < LARGEST);
                    number = part.decimalValue();
                }
                case "unit" -> unit = text(part);
                case "code" -> code = text(part);
                case "system" -> text(part);
                case "comparator" -> require(COMPARATORS.contains(text(part)));
                default -> throw Unusual.INSTANCE;
            }
        }
        return new ObservedValue.Quantity(number, code != null ? code : unit);
    }

    private static Concept concept(JsonNode node) throws Unusual {
        String text = null;
        List<Concept.Code> codings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object(node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "text" -> text = text(field.getValue());
                case "coding" -> {
                    for (JsonNode coding : array(field.getValue())) {
                        codings.add(coding(coding));
                    }
                }
                default -> throw Unusual.INSTANCE;
            }
        }
        return new Concept(text, codings);
    }

    private static Concept.Code coding(JsonNode node) throws Unusual {
        String system = null;
        String code = null;
        String display = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object(node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "system" -> system = text(field.getValue());
                case "code" -> code = text(field.getValue());
                case "display" -> display = text(field.getValue());
                case "version" -> text(field.getValue());
                case "userSelected" -> require(field.getValue().isBoolean());
                default -> throw Unusual.INSTANCE;
            }
        }
        return new Concept.Code(system, code, display, null);
    }

    /** A Reference's reference string, or null when it has none (a display only). */
    private static String reference(JsonNode node) throws Unusual {
        String reference = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object(node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "reference" -> {
                    reference = text(field.getValue());
                    require(!reference.startsWith("#")); // contained: HAPI resolves it
                }
                case "display", "type" -> text(field.getValue());
                default -> throw Unusual.INSTANCE;
            }
        }
        return reference;
    }

    private static List<String> references(JsonNode node) throws Unusual {
        List<String> references = new ArrayList<>();
        for (JsonNode item : array(node)) {
            String reference = reference(item);
            if (reference != null) {
                references.add(reference);
            }
        }
        return references;
    }

    private static void meta(JsonNode node) throws Unusual {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object(node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "versionId" -> id(field.getValue());
                case "lastUpdated" -> dateTime(field.getValue());
                case "source" -> text(field.getValue());
                case "profile" -> {
                    for (JsonNode profile : array(field.getValue())) {
                        text(profile);
                    }
                }
                case "tag", "security" -> {
                    for (JsonNode coding : array(field.getValue())) {
                        coding(coding);
                    }
                }
                default -> throw Unusual.INSTANCE;
            }
        }
    }

    private static String id(JsonNode node) throws Unusual {
        String id = text(node);
        require(FhirValues.isId(id, 0));
        return id;
    }

    /** A full date-time with its offset, as HAPI reads it (millisecond precision, the offset's wall clock). */
    private static ObservedTime dateTime(JsonNode node) throws Unusual {
        OffsetDateTime time = JsonDateTime.parse(text(node)); // strict: 30 February is refused, and HAPI decides
        require(time != null);
        return new ObservedTime(time.toInstant(), time.toLocalDateTime());
    }

    /** Text as HAPI keeps it: present, not blank, not padded (HAPI trims codes). */
    private static String text(JsonNode node) throws Unusual {
        require(node.isTextual());
        String text = node.textValue();
        require(!text.isEmpty() && !Character.isWhitespace(text.charAt(0))
                && !Character.isWhitespace(text.charAt(text.length() - 1)));
        return text;
    }

    private static JsonNode object(JsonNode node) throws Unusual {
        require(node.isObject() && !node.isEmpty());
        return node;
    }

    private static JsonNode array(JsonNode node) throws Unusual {
        require(node.isArray() && !node.isEmpty());
        return node;
    }

    private static void require(boolean usual) throws Unusual {
        if (!usual) {
            throw Unusual.INSTANCE;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public Concept code() {
        return code;
    }

    @Override
    public Optional<ObservedTime> effective() {
        return Optional.ofNullable(effectiveDateTime != null ? effectiveDateTime : periodStart);
    }

    @Override
    public Optional<ObservedTime> end() {
        return periodEnd != null ? Optional.of(periodEnd) : effective();
    }

    @Override
    public Instant periodStart() {
        return periodStart == null ? null : periodStart.instant();
    }

    @Override
    public Instant issued() {
        return issued;
    }

    @Override
    public ObservedValue value() {
        return value;
    }

    @Override
    public List<Component> components() {
        return components;
    }

    @Override
    public List<String> performers() {
        return performers;
    }

    @Override
    public boolean hasDevice() {
        return hasDevice;
    }

    @Override
    public String deviceReference() {
        return deviceReference;
    }

    @Override
    public Device containedDevice() {
        return null; // an Observation with contained resources is read by HAPI
    }

    @Override
    public List<Concept> measurementSettings() {
        return List.of(); // an Observation with extensions is read by HAPI
    }

    @Override
    public List<String> hasMember() {
        return hasMember;
    }

    @Override
    public List<String> derivedFrom() {
        return derivedFrom;
    }

    @Override
    public List<Concept> interpretation() {
        return interpretation;
    }
}
