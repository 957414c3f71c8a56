package health.flipside.fhir;

import static health.flipside.fhir.JsonTokens.firstField;
import static health.flipside.fhir.JsonTokens.firstItem;
import static health.flipside.fhir.JsonTokens.nextField;
import static health.flipside.fhir.JsonTokens.require;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import health.flipside.fhir.JsonTokens.Unusual;

/**
 * An Observation read straight from the request's JSON, token by token, without a HAPI model or a JSON tree: building
 * one for each of thousands of readings cost several times the parse of the body itself (bench/README.md). A prefetch
 * Bundle's entries are read from the body's own parser ({@link StreamedBundle}); a resource already held as a tree is
 * read from its tokens the same way, so there is one reading of the usual shapes.
 *
 * <p>Only the usual shapes are read this way: every element known, of the JSON type FHIR gives it, with values HAPI
 * would read the same (full date-times with an offset, plain numbers, known status codes, no blank or padded text).
 * Anything else — an extension or a primitive's {@code _element}, contained resources, a partial date, a number as a
 * string, an element Flipside does not know — is {@link Unusual}, and the entry goes through HAPI as before, which
 * keeps its answer to odd input (skipped reading, or a 400 naming the prefetch key) exactly as it was.
 *
 * <p>A field named twice counts once, as in a tree (the last value): every element replaces what an earlier one of
 * the same name read, lists included, and a second value[x] is unusual.
 */
final class JsonObservation implements ObservationView {
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
    private List<Component> components = List.of();
    private List<String> performers = List.of();
    private boolean hasDevice;
    private String deviceReference;
    private List<String> hasMember = List.of();
    private List<String> derivedFrom = List.of();
    private List<Concept> interpretation = List.of();
    private final Concepts concepts;

    private JsonObservation(Concepts concepts) {
        this.concepts = concepts;
    }

    /**
     * A resource held as a tree, or empty when it is not an Observation of a shape this reader knows (HAPI reads it
     * then).
     *
     * @param fullUrl the entry's fullUrl, which names the resource as HAPI does for a Bundle's entries; null if none
     */
    static Optional<ObservationView> read(JsonNode resource, String fullUrl) {
        try (JsonParser parser = resource.traverse()) {
            parser.nextToken();
            JsonObservation observation = read(parser, new Concepts());
            observation.identify(fullUrl);
            return Optional.of(observation);
        } catch (Unusual | IOException e) { // a tree's tokens are in memory: IOException is not expected
            return Optional.empty();
        }
    }

    /**
     * The Observation whose first token ({@code START_OBJECT}) is the parser's current one, read to its last token.
     *
     * @param concepts the request's concepts read so far, which this one's are shared with
     *
     * @throws Unusual it is not an Observation of a shape this reader knows; the parser is then anywhere inside it
     * @throws IOException the JSON itself is broken or over a limit of the parser (the body's problem, not the entry's)
     */
    static JsonObservation read(JsonParser parser, Concepts concepts) throws Unusual, IOException {
        JsonObservation observation = new JsonObservation(concepts);
        try {
            observation.readAll(parser);
        } catch (RuntimeException e) { // a shape this reader did not foresee: HAPI decides
            throw Unusual.INSTANCE;
        }
        return observation;
    }

    /** Names it by its Bundle entry's fullUrl (null or blank: its own id stays), as HAPI does for a Bundle's entries. */
    void identify(String fullUrl) {
        if (fullUrl != null && !fullUrl.isBlank()) {
            id = new IdType(fullUrl).getIdPart();
        }
    }

    private void readAll(JsonParser p) throws Unusual, IOException {
        boolean isObservation = false;
        boolean valueSeen = false;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "resourceType" -> {
                    require("Observation".equals(text(p)));
                    isObservation = true;
                }
                case "id" -> id = id(p);
                case "meta" -> meta(p);
                case "status" -> {
                    status = text(p);
                    require(STATUSES.contains(status));
                }
                case "code" -> code = concept(p);
                case "category" -> concepts(p);
                case "interpretation" -> interpretation = concepts(p);
                case "method", "bodySite", "dataAbsentReason" -> concept(p);
                case "subject", "encounter", "specimen" -> reference(p);
                case "basedOn", "partOf", "focus" -> references(p);
                case "performer" -> performers = references(p);
                case "hasMember" -> hasMember = references(p);
                case "derivedFrom" -> derivedFrom = references(p);
                case "device" -> {
                    deviceReference = reference(p);
                    hasDevice = true;
                }
                case "effectiveDateTime" -> effectiveDateTime = dateTime(p);
                case "effectivePeriod" -> period(p);
                case "issued" -> issued = dateTime(p).instant();
                case "component" -> {
                    List<Component> read = new ArrayList<>();
                    for (firstItem(p); p.currentToken() != JsonToken.END_ARRAY; p.nextToken()) {
                        read.add(component(p));
                    }
                    components = read;
                }
                default -> {
                    require(name.startsWith("value") && !valueSeen);
                    valueSeen = true;
                    value = value(name, p);
                }
            }
        }
        require(isObservation);
        require(effectiveDateTime == null || !hasPeriod); // effective[x] twice: HAPI decides
    }

    private void period(JsonParser p) throws Unusual, IOException {
        hasPeriod = true;
        periodStart = null;
        periodEnd = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "start" -> periodStart = dateTime(p);
                case "end" -> periodEnd = dateTime(p);
                default -> throw Unusual.INSTANCE;
            }
        }
    }

    private Component component(JsonParser p) throws Unusual, IOException {
        Concept componentCode = Concept.NONE;
        ObservedValue componentValue = ObservedValue.NONE;
        boolean valueSeen = false;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "code" -> componentCode = concept(p);
                case "dataAbsentReason" -> concept(p);
                case "interpretation" -> concepts(p);
                default -> {
                    require(name.startsWith("value") && !valueSeen);
                    valueSeen = true;
                    componentValue = value(name, p);
                }
            }
        }
        return new Component(componentCode, componentValue);
    }

    private ObservedValue value(String name, JsonParser p) throws Unusual, IOException {
        return switch (name) {
            case "valueQuantity" -> quantity(p);
            case "valueCodeableConcept" -> new ObservedValue.Coded(concept(p));
            case "valueString" -> new ObservedValue.Text(text(p));
            case "valueBoolean" -> {
                require(p.currentToken().isBoolean());
                yield new ObservedValue.Bool(p.getBooleanValue());
            }
            case "valueInteger" -> { // a JSON int only, as a tree's IntNode: not 5.0, not beyond an int
                require(p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
                yield new ObservedValue.Whole(p.getIntValue());
            }
            case "valueDateTime" -> new ObservedValue.DateTime(dateTime(p).instant());
            default -> throw Unusual.INSTANCE; // Range, Ratio, SampledData, time, Period, or not a value at all
        };
    }

    private static ObservedValue quantity(JsonParser p) throws Unusual, IOException {
        BigDecimal number = null;
        String unit = null;
        String code = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "value" -> number = number(p);
                case "unit" -> unit = text(p);
                case "code" -> code = text(p);
                case "system" -> text(p);
                case "comparator" -> require(COMPARATORS.contains(text(p)));
                default -> throw Unusual.INSTANCE;
            }
        }
        return new ObservedValue.Quantity(number, code != null ? code : unit);
    }

    /**
     * A finite number below {@link #LARGEST}, as a tree reads it: a fraction through its double (a tree's DoubleNode),
     * a whole number exactly.
     */
    private static BigDecimal number(JsonParser p) throws Unusual, IOException {
        JsonToken token = p.currentToken();
        require(token.isNumeric());
        double number = p.getDoubleValue();
        require(Double.isFinite(number) && Math.abs(number) < LARGEST);
        return token == JsonToken.VALUE_NUMBER_FLOAT ? BigDecimal.valueOf(number) : BigDecimal.valueOf(p.getLongValue());
    }

    private Concept concept(JsonParser p) throws Unusual, IOException {
        return concepts.read(p, this::conceptTokens);
    }

    private Concept conceptTokens(JsonParser p) throws Unusual, IOException {
        String text = null;
        List<Concept.Code> codings = List.of();
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "text" -> text = text(p);
                case "coding" -> {
                    List<Concept.Code> read = new ArrayList<>(2);
                    for (firstItem(p); p.currentToken() != JsonToken.END_ARRAY; p.nextToken()) {
                        read.add(coding(p));
                    }
                    codings = read;
                }
                default -> throw Unusual.INSTANCE;
            }
        }
        return concepts.of(text, codings);
    }

    private List<Concept> concepts(JsonParser p) throws Unusual, IOException {
        List<Concept> concepts = new ArrayList<>(2);
        for (firstItem(p); p.currentToken() != JsonToken.END_ARRAY; p.nextToken()) {
            concepts.add(concept(p));
        }
        return concepts;
    }

    private static Concept.Code coding(JsonParser p) throws Unusual, IOException {
        String system = null;
        String code = null;
        String display = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "system" -> system = text(p);
                case "code" -> code = text(p);
                case "display" -> display = text(p);
                case "version" -> text(p);
                case "userSelected" -> require(p.currentToken().isBoolean());
                default -> throw Unusual.INSTANCE;
            }
        }
        return new Concept.Code(system, code, display, null);
    }

    /** A Reference's reference string, or null when it has none (a display only). */
    private static String reference(JsonParser p) throws Unusual, IOException {
        String reference = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "reference" -> {
                    reference = text(p);
                    require(!reference.startsWith("#")); // contained: HAPI resolves it
                }
                case "display", "type" -> text(p);
                default -> throw Unusual.INSTANCE;
            }
        }
        return reference;
    }

    private static List<String> references(JsonParser p) throws Unusual, IOException {
        List<String> references = new ArrayList<>(2);
        for (firstItem(p); p.currentToken() != JsonToken.END_ARRAY; p.nextToken()) {
            String reference = reference(p);
            if (reference != null) {
                references.add(reference);
            }
        }
        return references;
    }

    private static void meta(JsonParser p) throws Unusual, IOException {
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "versionId" -> id(p);
                case "lastUpdated" -> dateTime(p);
                case "source" -> text(p);
                case "profile" -> {
                    for (firstItem(p); p.currentToken() != JsonToken.END_ARRAY; p.nextToken()) {
                        text(p);
                    }
                }
                case "tag", "security" -> {
                    for (firstItem(p); p.currentToken() != JsonToken.END_ARRAY; p.nextToken()) {
                        coding(p);
                    }
                }
                default -> throw Unusual.INSTANCE;
            }
        }
    }

    private static String id(JsonParser p) throws Unusual, IOException {
        String id = text(p);
        require(FhirValues.isId(id, 0));
        return id;
    }

    /** A full date-time with its offset, as HAPI reads it (millisecond precision, the offset's wall clock). */
    private static ObservedTime dateTime(JsonParser p) throws Unusual, IOException {
        OffsetDateTime time = JsonDateTime.parse(text(p)); // strict: 30 February is refused, and HAPI decides
        require(time != null);
        return new ObservedTime(time.toInstant(), time.toLocalDateTime());
    }

    /** Text as HAPI keeps it: present, not blank, not padded (HAPI trims codes). */
    private static String text(JsonParser p) throws Unusual, IOException {
        require(p.currentToken() == JsonToken.VALUE_STRING);
        String text = p.getText();
        require(!text.isEmpty() && !Character.isWhitespace(text.charAt(0))
                && !Character.isWhitespace(text.charAt(text.length() - 1)));
        return text;
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
