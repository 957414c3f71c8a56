package health.flipside.support;

import static health.flipside.support.CdsHooksSchemas.Document.DISCOVERY_RESPONSE;
import static health.flipside.support.CdsHooksSchemas.Document.FEEDBACK_REQUEST;
import static health.flipside.support.CdsHooksSchemas.Document.HOOK_REQUEST;
import static health.flipside.support.CdsHooksSchemas.Document.SERVICE_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import health.flipside.support.CdsHooksSchemas.Document;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CDS Hooks schemas accept the 2.0.1 specification's own examples and reject at least one
 * example per encoded rule, with a message that names the offending field.
 */
class CdsHooksSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // ---- Examples copied from CDS Hooks 2.0.1 (index.md), Jekyll {% raw %} markers removed ----

    /** "Discovery Example". */
    static final String SPEC_DISCOVERY = """
            {
              "services": [
                {
                  "hook": "patient-view",
                  "title": "Static CDS Service Example",
                  "description": "An example of a CDS Service that returns a static set of cards",
                  "id": "static-patient-greeter",
                  "prefetch": { "patientToGreet": "Patient/{{context.patientId}}" }
                },
                {
                  "hook": "order-select",
                  "title": "Order Echo CDS Service",
                  "description": "An example of a CDS Service that simply echoes the order(s) being placed",
                  "id": "order-echo",
                  "prefetch": {
                    "patient": "Patient/{{context.patientId}}",
                    "medications": "MedicationRequest?patient={{context.patientId}}"
                  }
                },
                {
                  "hook": "order-sign",
                  "title": "Pharmacogenomics CDS Service",
                  "description": "An example of a more advanced, precision medicine CDS Service",
                  "id": "pgx-on-order-sign",
                  "usageRequirements": "Note: functionality of this CDS Service is degraded without access to a FHIR Restful API as part of CDS recommendation generation."
                }
              ]
            }""";

    /** "Extensions", discovery example. */
    static final String SPEC_DISCOVERY_EXTENSION = """
            {
              "services": [
                {
                  "title": "Example CDS Service Discovery",
                  "hook": "patient-view",
                  "id": "patientview",
                  "prefetch": { "patient": "Patient/{{context.patientId}}" },
                  "description": "clinical decision support for patient view",
                  "extension": {
                    "com.example.clientConformance": "http://hooks.example.org/fhir/102/Conformance/patientview"
                  }
                }
              ]
            }""";

    /** "Calling a CDS Service" > "Example": patient-view with fhirAuthorization and prefetch. */
    static final String SPEC_PATIENT_VIEW_REQUEST = """
            {
              "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
              "fhirServer": "http://hooks.smarthealthit.org:9080",
              "hook": "patient-view",
              "fhirAuthorization": {
                "access_token": "some-opaque-fhir-access-token",
                "token_type": "Bearer",
                "expires_in": 300,
                "scope": "user/Patient.read user/Observation.read",
                "subject": "cds-service4"
              },
              "context": {
                "userId": "Practitioner/example",
                "patientId": "1288992",
                "encounterId": "89284"
              },
              "prefetch": {
                "patientToGreet": {
                  "resourceType": "Patient",
                  "gender": "male",
                  "birthDate": "1925-12-23",
                  "id": "1288992",
                  "active": true
                }
              }
            }""";

    /** "CDS Service Response" > "Example": links (absolute and smart), source, overrideReasons. */
    static final String SPEC_RESPONSE = """
            {
              "cards": [
                {
                  "uuid": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
                  "summary": "Example Card",
                  "indicator": "info",
                  "detail": "This is an example card.",
                  "source": {
                    "label": "Static CDS Service Example",
                    "url": "https://example.com",
                    "icon": "https://example.com/img/icon-100px.png"
                  },
                  "links": [
                    { "label": "Google", "url": "https://google.com", "type": "absolute" },
                    { "label": "Github", "url": "https://github.com", "type": "absolute" },
                    {
                      "label": "SMART Example App",
                      "url": "https://smart.example.com/launch",
                      "type": "smart",
                      "appContext": "{\\"session\\":3456356,\\"settings\\":{\\"module\\":4235}}"
                    }
                  ]
                },
                {
                  "summary": "Another card",
                  "indicator": "warning",
                  "source": { "label": "Static CDS Service Example" },
                  "overrideReasons": [
                    {
                      "code": "reason-code-provided-by-service",
                      "system": "http://example.org/cds-services/fhir/CodeSystem/override-reasons",
                      "display": "Patient refused"
                    },
                    {
                      "code": "12354",
                      "system": "http://example.org/cds-services/fhir/CodeSystem/override-reasons",
                      "display": "Contraindicated"
                    }
                  ]
                }
              ]
            }""";

    /**
     * Every card feature in one card, assembled from the spec's "Source", "Action" (create, update,
     * delete), "Reasons for rejecting a card" and "Link" examples, plus systemActions and extensions.
     * Card 0 is the base the invalid cases mutate.
     */
    static final String FULL_RESPONSE = """
            {
              "cards": [
                {
                  "uuid": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
                  "summary": "Home blood pressure averaged 148/92 over the last 14 days",
                  "detail": "| Week | Mean |\\n|---|---|\\n| 1 | 150/93 |\\n| 2 | 146/91 |",
                  "indicator": "warning",
                  "source": {
                    "label": "Zika Virus Management",
                    "url": "https://example.com/cdc-zika-virus-mgmt",
                    "icon": "https://example.com/cdc-zika-virus-mgmt/100.png",
                    "topic": {
                      "system": "http://example.org/cds-services/fhir/CodeSystem/topics",
                      "code": "12345",
                      "display": "Mosquito born virus"
                    }
                  },
                  "suggestions": [
                    {
                      "label": "Prescribe acetaminophen",
                      "uuid": "e56e1945-20b3-4393-8503-a1a20fd73152",
                      "isRecommended": true,
                      "actions": [
                        {
                          "type": "create",
                          "description": "Create a prescription for Acetaminophen 250 MG",
                          "resource": { "resourceType": "MedicationRequest", "id": "medrx001", "status": "draft" }
                        }
                      ]
                    },
                    {
                      "label": "Score and cancel the MRI order",
                      "uuid": "0b6c7a1e-5a43-4b8e-9c1f-2f0f2d3c4b5a",
                      "actions": [
                        {
                          "type": "update",
                          "description": "Update the order to record the appropriateness score",
                          "resource": { "resourceType": "ServiceRequest", "id": "procedure-request-1", "status": "active" }
                        },
                        {
                          "type": "delete",
                          "description": "Remove the inappropriate order",
                          "resourceId": "ServiceRequest/procedure-request-1"
                        }
                      ]
                    }
                  ],
                  "selectionBehavior": "at-most-one",
                  "overrideReasons": [
                    {
                      "code": "reason-code-provided-by-service",
                      "system": "http://example.org/cds-services/fhir/CodeSystem/override-reasons",
                      "display": "Patient refused"
                    }
                  ],
                  "links": [
                    { "label": "Trend chart", "url": "https://flipside.example.org/trend?patient=123#bp", "type": "absolute" },
                    {
                      "label": "SMART Example App",
                      "url": "https://smart.example.com/launch",
                      "type": "smart",
                      "appContext": "{\\"session\\":3456356}",
                      "autolaunchable": false
                    }
                  ],
                  "extension": { "health.flipside.card-kind": "pghd-summary" }
                }
              ],
              "systemActions": [
                {
                  "type": "update",
                  "description": "Record the appropriateness score",
                  "resource": { "resourceType": "ServiceRequest", "id": "example-MRI-59879846", "status": "active" }
                }
              ],
              "extension": { "health.flipside.rules-version": { "id": "bp", "version": 3 } }
            }""";

    /** "Example suggestion accepted". */
    static final String SPEC_FEEDBACK_ACCEPTED = """
            {
              "feedback": [
                {
                  "card": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
                  "outcome": "accepted",
                  "acceptedSuggestions": [ { "id": "e56e1945-20b3-4393-8503-a1a20fd73152" } ],
                  "outcomeTimestamp": "2021-12-11T10:05:31Z"
                }
              ]
            }""";

    /** "Example overridden guidance without overrideReason". */
    static final String SPEC_FEEDBACK_OVERRIDDEN = """
            {
              "feedback": [
                {
                  "card": "f6b95768-b1c8-40dc-8385-bf3504b82ffb",
                  "outcome": "overridden",
                  "outcomeTimestamp": "2020-12-11T00:00:00Z"
                }
              ]
            }""";

    /** "Example overridden guidance with overrideReason" (its reason Coding has no display). */
    static final String SPEC_FEEDBACK_OVERRIDE_REASON = """
            {
               "feedback":[
                  {
                     "card":"9368d37b-283f-44a0-93ea-547cebab93ed",
                     "outcome":"overridden",
                     "overrideReason":{
                        "reason":{
                           "code":"d7ecf885",
                           "system":"https://example.com/cds-hooks/override-reason-system"
                        },
                        "userComment":"A comment entered by the clinician."
                     },
                     "outcomeTimestamp":"2020-12-11T00:00:00Z"
                  }
               ]
            }""";

    // ---- Valid documents ----

    record Valid(String name, Document document, String json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Valid> validDocuments() {
        return Stream.of(
                new Valid("spec discovery example", DISCOVERY_RESPONSE, SPEC_DISCOVERY),
                new Valid("spec discovery extension example", DISCOVERY_RESPONSE, SPEC_DISCOVERY_EXTENSION),
                new Valid("discovery with no services", DISCOVERY_RESPONSE, "{\"services\": []}"),

                new Valid("spec patient-view request", HOOK_REQUEST, SPEC_PATIENT_VIEW_REQUEST),
                new Valid("request with null prefetch value (read found nothing)", HOOK_REQUEST,
                        with(SPEC_PATIENT_VIEW_REQUEST, "/prefetch/patientToGreet", "null")),
                new Valid("request with OperationOutcome prefetch value", HOOK_REQUEST,
                        with(SPEC_PATIENT_VIEW_REQUEST, "/prefetch/patientToGreet",
                                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}")),
                new Valid("request with FHIR null placeholder inside a primitive array", HOOK_REQUEST,
                        with(SPEC_PATIENT_VIEW_REQUEST, "/prefetch/patientToGreet/name",
                                "[{\"given\":[null,\"Jo\"],\"_given\":[{\"id\":\"g1\"},null]}]")),
                new Valid("request without FHIR access (no fhirServer, fhirAuthorization, prefetch)", HOOK_REQUEST,
                        without(without(without(SPEC_PATIENT_VIEW_REQUEST, "/fhirAuthorization"), "/fhirServer"),
                                "/prefetch")),
                new Valid("request with patient-scoped token", HOOK_REQUEST,
                        with(SPEC_PATIENT_VIEW_REQUEST, "/fhirAuthorization/patient", "\"1288992\"")),
                new Valid("patient viewing own record (userId Patient/...)", HOOK_REQUEST,
                        with(SPEC_PATIENT_VIEW_REQUEST, "/context/userId", "\"Patient/1288992\"")),
                new Valid("spec extension request example (patientId added, see note in test)", HOOK_REQUEST, """
                        {
                          "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                          "fhirServer": "http://fhir.example.org:9080",
                          "hook": "patient-view",
                          "context": { "userId": "Practitioner/example", "patientId": "1288992" },
                          "extension": {
                            "com.example.timestamp": "2017-11-27T22:13:25Z",
                            "com.cds-hooks.sandbox.myextension-practitionerspecialty": "gastroenterology"
                          }
                        }"""),
                new Valid("encounter-start request", HOOK_REQUEST, """
                        {
                          "hook": "encounter-start",
                          "hookInstance": "6a0b52cd-5d46-4d8c-9ffb-1c0a2f7a2c11",
                          "context": { "userId": "PractitionerRole/123", "patientId": "1288992", "encounterId": "89284" }
                        }"""),
                new Valid("order-sign request", HOOK_REQUEST, """
                        {
                          "hook": "order-sign",
                          "hookInstance": "6a0b52cd-5d46-4d8c-9ffb-1c0a2f7a2c12",
                          "context": {
                            "userId": "Practitioner/abc",
                            "patientId": "1288992",
                            "draftOrders": { "resourceType": "Bundle", "type": "collection",
                              "entry": [ { "resource": { "resourceType": "MedicationRequest", "id": "103", "status": "draft" } } ] }
                          }
                        }"""),
                new Valid("hook this schema has no context rules for", HOOK_REQUEST, """
                        {
                          "hook": "com.example.custom-hook",
                          "hookInstance": "6a0b52cd-5d46-4d8c-9ffb-1c0a2f7a2c13",
                          "context": { "anything": { "nested": [1, 2] } }
                        }"""),

                new Valid("no guidance: empty cards array", SERVICE_RESPONSE, "{\"cards\": []}"),
                new Valid("spec response example (links, source, overrideReasons)", SERVICE_RESPONSE, SPEC_RESPONSE),
                new Valid("full card (suggestions, actions, topic, systemActions, extensions)", SERVICE_RESPONSE,
                        FULL_RESPONSE),
                new Valid("summary of exactly 139 characters", SERVICE_RESPONSE,
                        with(FULL_RESPONSE, "/cards/0/summary", quoted("x".repeat(139)))),
                new Valid("summary of 139 non-BMP characters (counted as code points)", SERVICE_RESPONSE,
                        with(FULL_RESPONSE, "/cards/0/summary", quoted("\uD83D\uDCC8".repeat(139)))),
                new Valid("selectionBehavior any with several recommended suggestions", SERVICE_RESPONSE,
                        with(with(FULL_RESPONSE, "/cards/0/selectionBehavior", "\"any\""),
                                "/cards/0/suggestions/1/isRecommended", "true")),
                new Valid("smart link without appContext", SERVICE_RESPONSE,
                        without(FULL_RESPONSE, "/cards/0/links/1/appContext")),
                new Valid("suggestion with only a label", SERVICE_RESPONSE,
                        with(FULL_RESPONSE, "/cards/0/suggestions", "[{\"label\":\"Discuss at next visit\"}]")),

                new Valid("spec feedback: suggestion accepted", FEEDBACK_REQUEST, SPEC_FEEDBACK_ACCEPTED),
                new Valid("spec feedback: overridden without overrideReason", FEEDBACK_REQUEST, SPEC_FEEDBACK_OVERRIDDEN),
                new Valid("spec feedback: overridden with overrideReason", FEEDBACK_REQUEST, SPEC_FEEDBACK_OVERRIDE_REASON),
                new Valid("feedback: override with only a userComment", FEEDBACK_REQUEST,
                        without(SPEC_FEEDBACK_OVERRIDE_REASON, "/feedback/0/overrideReason/reason")),
                new Valid("feedback: RFC 3339 fractional seconds", FEEDBACK_REQUEST,
                        with(SPEC_FEEDBACK_ACCEPTED, "/feedback/0/outcomeTimestamp", "\"1985-04-12T23:20:50.52Z\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDocuments")
    void acceptsValidDocument(Valid valid) {
        assertThatCode(() -> CdsHooksSchemas.assertValid(valid.document(), valid.json()))
                .doesNotThrowAnyException();
    }

    // ---- Invalid documents: at least one per encoded rule ----

    /** expected: fragments that must all appear in the AssertionError message (JSON path, field, keyword). */
    record Invalid(String name, Document document, String json, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Invalid invalid(String name, Document document, String json, String... expected) {
        return new Invalid(name, document, json, List.of(expected));
    }

    static Stream<Invalid> invalidDiscovery() {
        String d = SPEC_DISCOVERY;
        return Stream.of(
                invalid("services missing", DISCOVERY_RESPONSE, "{}", "required property 'services'"),
                invalid("services null", DISCOVERY_RESPONSE, "{\"services\": null}", "$.services", "null found"),
                invalid("service without hook", DISCOVERY_RESPONSE, without(d, "/services/0/hook"),
                        "$.services[0]", "required property 'hook'"),
                invalid("service without description", DISCOVERY_RESPONSE, without(d, "/services/0/description"),
                        "$.services[0]", "required property 'description'"),
                invalid("service without id", DISCOVERY_RESPONSE, without(d, "/services/0/id"),
                        "$.services[0]", "required property 'id'"),
                invalid("empty title", DISCOVERY_RESPONSE, with(d, "/services/0/title", "\"\""),
                        "$.services[0].title", "minLength"),
                invalid("null usageRequirements", DISCOVERY_RESPONSE, with(d, "/services/2/usageRequirements", "null"),
                        "$.services[2].usageRequirements", "null found"),
                invalid("empty prefetch object", DISCOVERY_RESPONSE, with(d, "/services/0/prefetch", "{}"),
                        "$.services[0].prefetch", "minProperties"),
                invalid("empty prefetch template", DISCOVERY_RESPONSE, with(d, "/services/1/prefetch/patient", "\"\""),
                        "$.services[1].prefetch.patient", "minLength"),
                invalid("prefetch template not a string", DISCOVERY_RESPONSE,
                        with(d, "/services/1/prefetch/patient", "{\"resourceType\":\"Patient\"}"),
                        "$.services[1].prefetch.patient", "object found, string expected"),
                invalid("id that is not a single path segment", DISCOVERY_RESPONSE,
                        with(d, "/services/0/id", "\"flipside/summary\""), "$.services[0].id", "pattern"),
                invalid("empty extension", DISCOVERY_RESPONSE, with(d, "/services/0/extension", "{}"),
                        "$.services[0].extension", "minProperties"),
                invalid("extension that is not an object", DISCOVERY_RESPONSE,
                        with(d, "/services/0/extension", "\"com.example\""),
                        "$.services[0].extension", "string found, object expected"),
                invalid("property the 2.0 spec does not define", DISCOVERY_RESPONSE,
                        with(d, "/services/0/hookVersion", "\"1.0\""), "$.services[0]", "'hookVersion'"));
    }

    static Stream<Invalid> invalidHookRequests() {
        String r = SPEC_PATIENT_VIEW_REQUEST;
        return Stream.of(
                invalid("hook missing", HOOK_REQUEST, without(r, "/hook"), "required property 'hook'"),
                invalid("hookInstance missing", HOOK_REQUEST, without(r, "/hookInstance"),
                        "required property 'hookInstance'"),
                invalid("context missing", HOOK_REQUEST, without(r, "/context"), "required property 'context'"),
                invalid("hookInstance not a UUID", HOOK_REQUEST, with(r, "/hookInstance", "\"hook-1\""),
                        "$.hookInstance", "UUID"),
                invalid("cds-r-1: fhirAuthorization without fhirServer", HOOK_REQUEST, without(r, "/fhirServer"),
                        "'fhirServer'", "'fhirAuthorization'"),
                invalid("fhirServer not an absolute URL", HOOK_REQUEST, with(r, "/fhirServer", "\"fhir/r4\""),
                        "$.fhirServer", "URI"),
                invalid("token_type other than Bearer", HOOK_REQUEST, with(r, "/fhirAuthorization/token_type", "\"MAC\""),
                        "$.fhirAuthorization.token_type", "Bearer"),
                invalid("token_type in lower case", HOOK_REQUEST,
                        with(r, "/fhirAuthorization/token_type", "\"bearer\""), "$.fhirAuthorization.token_type"),
                invalid("fhirAuthorization without access_token", HOOK_REQUEST,
                        without(r, "/fhirAuthorization/access_token"), "$.fhirAuthorization", "'access_token'"),
                invalid("fhirAuthorization without token_type", HOOK_REQUEST,
                        without(r, "/fhirAuthorization/token_type"), "$.fhirAuthorization", "'token_type'"),
                invalid("fhirAuthorization without expires_in", HOOK_REQUEST,
                        without(r, "/fhirAuthorization/expires_in"), "$.fhirAuthorization", "'expires_in'"),
                invalid("fhirAuthorization without scope", HOOK_REQUEST,
                        without(r, "/fhirAuthorization/scope"), "$.fhirAuthorization", "'scope'"),
                invalid("fhirAuthorization without subject", HOOK_REQUEST,
                        without(r, "/fhirAuthorization/subject"), "$.fhirAuthorization", "'subject'"),
                invalid("expires_in as a string", HOOK_REQUEST, with(r, "/fhirAuthorization/expires_in", "\"300\""),
                        "$.fhirAuthorization.expires_in", "string found, integer expected"),
                invalid("empty access_token", HOOK_REQUEST, with(r, "/fhirAuthorization/access_token", "\"\""),
                        "$.fhirAuthorization.access_token", "minLength"),
                invalid("empty context", HOOK_REQUEST, with(r, "/context", "{}"), "$.context", "minProperties"),
                invalid("null context value", HOOK_REQUEST, with(r, "/context/encounterId", "null"),
                        "$.context.encounterId", "null found"),
                invalid("patient-view without patientId", HOOK_REQUEST, without(r, "/context/patientId"),
                        "$.context", "'patientId'"),
                invalid("patient-view without userId", HOOK_REQUEST, without(r, "/context/userId"),
                        "$.context", "'userId'"),
                invalid("userId without resource type", HOOK_REQUEST, with(r, "/context/userId", "\"example\""),
                        "$.context.userId", "pattern"),
                invalid("userId of a type patient-view does not expect", HOOK_REQUEST,
                        with(r, "/context/userId", "\"Device/1\""), "$.context.userId", "pattern"),
                invalid("encounter-start without encounterId", HOOK_REQUEST,
                        without(with(r, "/hook", "\"encounter-start\""), "/context/encounterId"),
                        "$.context", "'encounterId'"),
                invalid("empty prefetch object", HOOK_REQUEST, with(r, "/prefetch", "{}"), "$.prefetch", "minProperties"),
                invalid("prefetch value that is not a resource", HOOK_REQUEST,
                        with(r, "/prefetch/patientToGreet", "\"123\""), "$.prefetch.patientToGreet"),
                invalid("prefetch resource without resourceType", HOOK_REQUEST,
                        without(r, "/prefetch/patientToGreet/resourceType"),
                        "$.prefetch.patientToGreet", "'resourceType'"),
                invalid("empty string inside a prefetched resource", HOOK_REQUEST,
                        with(r, "/prefetch/patientToGreet/gender", "\"\""), "$.prefetch.patientToGreet.gender"),
                invalid("null member inside a prefetched resource", HOOK_REQUEST,
                        with(r, "/prefetch/patientToGreet/birthDate", "null"), "$.prefetch.patientToGreet.birthDate",
                        "null found"),
                invalid("empty extension", HOOK_REQUEST, with(r, "/extension", "{}"), "$.extension", "minProperties"),
                invalid("null inside extension", HOOK_REQUEST, with(r, "/extension", "{\"com.example.x\": null}"),
                        "$.extension['com.example.x']"),
                invalid("property the 2.0 spec does not define", HOOK_REQUEST, with(r, "/user", "\"Practitioner/1\""),
                        "'user'", "additional properties"));
    }

    static Stream<Invalid> invalidServiceResponses() {
        String s = FULL_RESPONSE;
        String card = "/cards/0";
        return Stream.of(
                invalid("cards missing", SERVICE_RESPONSE, without(s, "/cards"), "required property 'cards'"),
                invalid("cards null", SERVICE_RESPONSE, "{\"cards\": null}", "$.cards", "null found"),
                invalid("card without summary", SERVICE_RESPONSE, without(s, card + "/summary"),
                        "$.cards[0]", "'summary'"),
                invalid("card without indicator", SERVICE_RESPONSE, without(s, card + "/indicator"),
                        "$.cards[0]", "'indicator'"),
                invalid("card without source", SERVICE_RESPONSE, without(s, card + "/source"),
                        "$.cards[0]", "'source'"),
                invalid("indicator outside info|warning|critical", SERVICE_RESPONSE,
                        with(s, card + "/indicator", "\"hard-stop\""), "$.cards[0].indicator", "enumeration"),
                invalid("selectionBehavior outside at-most-one|any", SERVICE_RESPONSE,
                        with(s, card + "/selectionBehavior", "\"all\""), "$.cards[0].selectionBehavior", "enumeration"),
                invalid("link type outside absolute|smart", SERVICE_RESPONSE,
                        with(s, card + "/links/0/type", "\"relative\""), "$.cards[0].links[0].type", "enumeration"),
                invalid("action type outside create|update|delete", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/0/actions/0/type", "\"patch\""),
                        "$.cards[0].suggestions[0].actions[0].type", "enumeration"),
                invalid("systemAction type outside create|update|delete", SERVICE_RESPONSE,
                        with(s, "/systemActions/0/type", "\"upsert\""), "$.systemActions[0].type", "enumeration"),
                invalid("summary of 140 characters", SERVICE_RESPONSE,
                        with(s, card + "/summary", quoted("x".repeat(140))), "$.cards[0].summary", "at most 139"),
                invalid("empty summary", SERVICE_RESPONSE, with(s, card + "/summary", "\"\""),
                        "$.cards[0].summary", "minLength"),
                invalid("empty detail", SERVICE_RESPONSE, with(s, card + "/detail", "\"\""),
                        "$.cards[0].detail", "minLength"),
                invalid("null detail", SERVICE_RESPONSE, with(s, card + "/detail", "null"),
                        "$.cards[0].detail", "null found"),
                invalid("empty links", SERVICE_RESPONSE, with(s, card + "/links", "[]"), "$.cards[0].links", "minItems"),
                invalid("empty suggestions", SERVICE_RESPONSE, with(s, card + "/suggestions", "[]"),
                        "$.cards[0].suggestions", "minItems"),
                invalid("empty overrideReasons", SERVICE_RESPONSE, with(s, card + "/overrideReasons", "[]"),
                        "$.cards[0].overrideReasons", "minItems"),
                invalid("empty systemActions", SERVICE_RESPONSE, with(s, "/systemActions", "[]"),
                        "$.systemActions", "minItems"),
                invalid("empty actions", SERVICE_RESPONSE, with(s, card + "/suggestions/0/actions", "[]"),
                        "$.cards[0].suggestions[0].actions", "minItems"),
                invalid("empty source object", SERVICE_RESPONSE, with(s, card + "/source", "{}"),
                        "$.cards[0].source", "'label'"),
                invalid("null source url", SERVICE_RESPONSE, with(s, card + "/source/url", "null"),
                        "$.cards[0].source.url", "null found"),
                invalid("empty card extension", SERVICE_RESPONSE, with(s, card + "/extension", "{}"),
                        "$.cards[0].extension", "minProperties"),
                invalid("empty array inside extension", SERVICE_RESPONSE,
                        with(s, card + "/extension", "{\"health.flipside.tags\": []}"),
                        "$.cards[0].extension['health.flipside.tags']", "minItems"),
                invalid("misspelt card property", SERVICE_RESPONSE,
                        with(s, card + "/selectionBehaviour", "\"any\""), "$.cards[0]", "'selectionBehaviour'"),
                invalid("cds-resp-6: suggestions without selectionBehavior", SERVICE_RESPONSE,
                        without(s, card + "/selectionBehavior"), "$.cards[0]", "'selectionBehavior'", "'suggestions'"),
                invalid("cds-resp-1: at-most-one with two recommended suggestions", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/1/isRecommended", "true"), "$.cards[0].suggestions", "maxContains"),
                invalid("cds-resp-3: appContext on an absolute link", SERVICE_RESPONSE,
                        with(s, card + "/links/0/appContext", "\"{}\""), "$.cards[0].links[0].appContext"),
                invalid("override reason without display", SERVICE_RESPONSE,
                        without(s, card + "/overrideReasons/0/display"), "$.cards[0].overrideReasons[0]", "'display'"),
                invalid("override reason without code", SERVICE_RESPONSE,
                        without(s, card + "/overrideReasons/0/code"), "$.cards[0].overrideReasons[0]", "'code'"),
                invalid("override reason without system", SERVICE_RESPONSE,
                        without(s, card + "/overrideReasons/0/system"), "$.cards[0].overrideReasons[0]", "'system'"),
                invalid("source topic without system", SERVICE_RESPONSE,
                        without(s, card + "/source/topic/system"), "$.cards[0].source.topic", "'system'"),
                invalid("card uuid not a UUID", SERVICE_RESPONSE, with(s, card + "/uuid", "\"card-1\""),
                        "$.cards[0].uuid", "UUID"),
                invalid("suggestion uuid not a UUID", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/0/uuid", "\"suggestion-1\""), "$.cards[0].suggestions[0].uuid", "UUID"),
                invalid("relative source url", SERVICE_RESPONSE, with(s, card + "/source/url", "\"/about\""),
                        "$.cards[0].source.url", "URI"),
                invalid("relative source icon", SERVICE_RESPONSE, with(s, card + "/source/icon", "\"img/icon.png\""),
                        "$.cards[0].source.icon", "URI"),
                invalid("relative link url", SERVICE_RESPONSE, with(s, card + "/links/0/url", "\"trend?patient=123\""),
                        "$.cards[0].links[0].url", "URI"),
                invalid("non-http link url", SERVICE_RESPONSE, with(s, card + "/links/0/url", "\"javascript:alert(1)\""),
                        "$.cards[0].links[0].url", "pattern"),
                invalid("link without url", SERVICE_RESPONSE, without(s, card + "/links/0/url"),
                        "$.cards[0].links[0]", "'url'"),
                invalid("suggestion without label", SERVICE_RESPONSE, without(s, card + "/suggestions/0/label"),
                        "$.cards[0].suggestions[0]", "'label'"),
                invalid("isRecommended as a string", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/0/isRecommended", "\"yes\""),
                        "$.cards[0].suggestions[0].isRecommended", "boolean expected"),
                invalid("cds-resp-5: action without description", SERVICE_RESPONSE,
                        without(s, card + "/suggestions/0/actions/0/description"),
                        "$.cards[0].suggestions[0].actions[0]", "'description'"),
                invalid("create action without resource", SERVICE_RESPONSE,
                        without(s, card + "/suggestions/0/actions/0/resource"),
                        "$.cards[0].suggestions[0].actions[0]", "'resource'"),
                invalid("update systemAction without resource", SERVICE_RESPONSE,
                        without(s, "/systemActions/0/resource"), "$.systemActions[0]", "'resource'"),
                invalid("cds-resp-2: delete action without resourceId", SERVICE_RESPONSE,
                        without(s, card + "/suggestions/1/actions/1/resourceId"),
                        "$.cards[0].suggestions[1].actions[1]", "'resourceId'"),
                invalid("cds-resp-2: delete action carrying a resource", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/1/actions/1/resource", "{\"resourceType\":\"ServiceRequest\",\"id\":\"x\"}"),
                        "$.cards[0].suggestions[1].actions[1].resource"),
                invalid("resourceId that is not a relative reference", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/1/actions/1/resourceId", "\"http://fhir.example.org/ServiceRequest/1\""),
                        "$.cards[0].suggestions[1].actions[1].resourceId", "pattern"),
                invalid("action resource without resourceType", SERVICE_RESPONSE,
                        without(s, card + "/suggestions/0/actions/0/resource/resourceType"),
                        "$.cards[0].suggestions[0].actions[0].resource", "'resourceType'"),
                invalid("3.0-ballot actionSelectionBehavior", SERVICE_RESPONSE,
                        with(s, card + "/suggestions/0/actionSelectionBehavior", "\"all\""),
                        "$.cards[0].suggestions[0]", "'actionSelectionBehavior'"));
    }

    static Stream<Invalid> invalidFeedback() {
        String a = SPEC_FEEDBACK_ACCEPTED;
        String o = SPEC_FEEDBACK_OVERRIDE_REASON;
        return Stream.of(
                invalid("feedback missing", FEEDBACK_REQUEST, "{}", "required property 'feedback'"),
                invalid("empty feedback array", FEEDBACK_REQUEST, "{\"feedback\": []}", "$.feedback", "minItems"),
                invalid("feedback without card", FEEDBACK_REQUEST, without(a, "/feedback/0/card"),
                        "$.feedback[0]", "'card'"),
                invalid("feedback without outcome", FEEDBACK_REQUEST, without(a, "/feedback/0/outcome"),
                        "$.feedback[0]", "'outcome'"),
                invalid("feedback without outcomeTimestamp", FEEDBACK_REQUEST, without(a, "/feedback/0/outcomeTimestamp"),
                        "$.feedback[0]", "'outcomeTimestamp'"),
                invalid("cds-fb-1: outcome outside accepted|overridden", FEEDBACK_REQUEST,
                        with(SPEC_FEEDBACK_OVERRIDDEN, "/feedback/0/outcome", "\"ignored\""),
                        "$.feedback[0].outcome", "enumeration"),
                invalid("cds-fb-2: accepted without acceptedSuggestions", FEEDBACK_REQUEST,
                        without(a, "/feedback/0/acceptedSuggestions"), "$.feedback[0]", "'acceptedSuggestions'"),
                invalid("empty acceptedSuggestions", FEEDBACK_REQUEST, with(a, "/feedback/0/acceptedSuggestions", "[]"),
                        "$.feedback[0].acceptedSuggestions", "minItems"),
                invalid("accepted suggestion without id", FEEDBACK_REQUEST,
                        with(a, "/feedback/0/acceptedSuggestions/0", "{\"extension\":{\"com.example.x\":1}}"),
                        "$.feedback[0].acceptedSuggestions[0]", "'id'"),
                invalid("accepted suggestion id not a UUID", FEEDBACK_REQUEST,
                        with(a, "/feedback/0/acceptedSuggestions/0/id", "\"suggestion-1\""),
                        "$.feedback[0].acceptedSuggestions[0].id", "UUID"),
                invalid("card not a UUID", FEEDBACK_REQUEST, with(a, "/feedback/0/card", "\"card-1\""),
                        "$.feedback[0].card", "UUID"),
                invalid("cds-fb-3: empty overrideReason", FEEDBACK_REQUEST, with(o, "/feedback/0/overrideReason", "{}"),
                        "$.feedback[0].overrideReason", "'reason'", "'userComment'"),
                invalid("cds-fb-3: overrideReason with only an extension", FEEDBACK_REQUEST,
                        with(o, "/feedback/0/overrideReason", "{\"extension\":{\"com.example.x\":true}}"),
                        "$.feedback[0].overrideReason", "'reason'", "'userComment'"),
                invalid("override reason Coding without system", FEEDBACK_REQUEST,
                        without(o, "/feedback/0/overrideReason/reason/system"),
                        "$.feedback[0].overrideReason.reason", "'system'"),
                invalid("empty userComment", FEEDBACK_REQUEST, with(o, "/feedback/0/overrideReason/userComment", "\"\""),
                        "$.feedback[0].overrideReason.userComment", "minLength"),
                invalid("outcomeTimestamp not a date-time", FEEDBACK_REQUEST,
                        with(a, "/feedback/0/outcomeTimestamp", "\"yesterday\""), "$.feedback[0].outcomeTimestamp", "date-time"),
                invalid("outcomeTimestamp as a date only", FEEDBACK_REQUEST,
                        with(a, "/feedback/0/outcomeTimestamp", "\"2021-12-11\""), "$.feedback[0].outcomeTimestamp", "date-time"),
                invalid("outcomeTimestamp without offset", FEEDBACK_REQUEST,
                        with(a, "/feedback/0/outcomeTimestamp", "\"2021-12-11T10:05:31\""),
                        "$.feedback[0].outcomeTimestamp", "date-time"),
                invalid("outcomeTimestamp not in UTC", FEEDBACK_REQUEST,
                        with(a, "/feedback/0/outcomeTimestamp", "\"2021-12-11T10:05:31+02:00\""),
                        "$.feedback[0].outcomeTimestamp", "pattern"));
    }

    static Stream<Invalid> invalidDocuments() {
        return Stream.of(invalidDiscovery(), invalidHookRequests(), invalidServiceResponses(), invalidFeedback())
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void rejectsInvalidDocumentNamingTheField(Invalid invalid) {
        assertThatThrownBy(() -> CdsHooksSchemas.assertValid(invalid.document(), invalid.json()))
                .isInstanceOf(AssertionError.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(invalid.expected()));
    }

    // ---- Examples in the spec that contradict its own field tables ----

    @Test
    void specAutolaunchableExampleLacksTheRequiredIndicator() {
        // "Example response using autolaunchable" omits indicator, which 'Card Attributes' marks REQUIRED.
        String json = """
                {"cards": [{
                  "uuid": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
                  "summary": "Lung cancer screening shared decision making",
                  "detail": "Patient is a current smoker with a 20 pack/year history.",
                  "source": { "label": "Lung Cancer Screening Shared Decision Making App",
                              "url": "https://example.com/LCS", "icon": "https://example.com/img/icon-100px.png" },
                  "links": [ { "label": "Github", "url": "https://github.com", "type": "absolute", "autolaunchable": true } ]
                }]}""";
        assertThat(CdsHooksSchemas.violations(SERVICE_RESPONSE, json))
                .containsExactly("[required] $.cards[0]: required property 'indicator' not found");
        assertThatCode(() -> CdsHooksSchemas.assertValidServiceResponse(
                with(json, "/cards/0/indicator", "\"info\""))).doesNotThrowAnyException();
    }

    @Test
    void specSystemActionExampleLacksTheRequiredDescription() {
        // The 'System Action' example omits description, which 'Action' marks REQUIRED.
        String json = """
                {"cards": [], "systemActions": [ { "type": "update",
                  "resource": { "resourceType": "ServiceRequest", "id": "example-MRI-59879846", "...": "<snipped for brevity" } } ]}""";
        assertThat(CdsHooksSchemas.violations(SERVICE_RESPONSE, json))
                .containsExactly("[required] $.systemActions[0]: required property 'description' not found");
    }

    @Test
    void specExtensionRequestExampleLacksThePatientViewPatientId() {
        // The 'Extensions' request example sends patient-view with only userId; the hook requires patientId.
        String json = """
                {"hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "fhirServer": "http://fhir.example.org:9080",
                 "hook": "patient-view", "context": { "userId": "Practitioner/example" },
                 "extension": { "com.example.timestamp": "2017-11-27T22:13:25Z" }}""";
        assertThat(CdsHooksSchemas.violations(HOOK_REQUEST, json))
                .containsExactly("[required] $.context: required property 'patientId' not found");
    }

    // ---- Behaviour of the utility itself ----

    @Test
    void listsEveryViolationWithItsPath() {
        String json = with(with(without(FULL_RESPONSE, "/cards/0/source"), "/cards/0/indicator", "\"high\""),
                "/cards/0/links/0/url", "\"/relative\"");
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidServiceResponse(json))
                .isInstanceOf(AssertionError.class)
                // The relative URL breaks two rules (RFC 3986 absolute URI, and http(s) only).
                .hasMessageContaining("4 violations")
                .hasMessageContaining("[required] $.cards[0]: required property 'source' not found")
                .hasMessageContaining("[enum] $.cards[0].indicator")
                .hasMessageContaining("[format] $.cards[0].links[0].url")
                .hasMessageContaining("[pattern] $.cards[0].links[0].url");
    }

    @Test
    void convenienceMethodsPickTheMatchingSchema() {
        assertThatCode(() -> {
            CdsHooksSchemas.assertValidDiscovery(SPEC_DISCOVERY);
            CdsHooksSchemas.assertValidHookRequest(SPEC_PATIENT_VIEW_REQUEST);
            CdsHooksSchemas.assertValidServiceResponse(SPEC_RESPONSE);
            CdsHooksSchemas.assertValidFeedback(SPEC_FEEDBACK_ACCEPTED);
        }).doesNotThrowAnyException();
        // A valid document of one kind is not valid as another.
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidServiceResponse(SPEC_DISCOVERY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required property 'cards'");
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidFeedback(SPEC_RESPONSE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required property 'feedback'");
    }

    @Test
    void rejectsUnparseableAndDuplicateKeyJson() {
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidServiceResponse("{\"cards\": ["))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not parseable JSON");
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidServiceResponse("{\"cards\": [], \"cards\": []}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Duplicate field 'cards'");
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidServiceResponse("{\"cards\": []} {\"cards\": null}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not parseable JSON");
        assertThatThrownBy(() -> CdsHooksSchemas.assertValidServiceResponse(""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("empty document");
    }

    @Test
    void isSafeToUseFromParallelTests() {
        // Schemas are shared statics; concurrent validation must give the same answers as serial.
        List<Integer> counts = IntStream.range(0, 200).parallel()
                .mapToObj(i -> CdsHooksSchemas.violations(SERVICE_RESPONSE,
                        i % 2 == 0 ? FULL_RESPONSE : with(FULL_RESPONSE, "/cards/0/indicator", "\"high\"")).size())
                .toList();
        assertThat(IntStream.range(0, 200).filter(i -> counts.get(i) != (i % 2 == 0 ? 0 : 1))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Document.class)
    void schemaIsAValidDraft202012SchemaThatCitesTheSpec(Document document) throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(document.resource())) {
            assertThat(in).as(document.resource()).isNotNull();
            schema = MAPPER.readTree(in);
        }
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("description").asText()).contains("CDS Hooks 2.0.1", "https://cds-hooks.hl7.org/2.0/");
        // The meta-schema ships inside the validator jar, so this works offline.
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"),
                        SchemaValidatorsConfig.builder().build());
        assertThat(metaSchema.validate(schema)).isEmpty();
    }

    // ---- Helpers: derive a variant of a document by JSON Pointer ----

    /** Returns json with the value at pointer set to valueJson (itself JSON), creating object members. */
    static String with(String json, String pointer, String valueJson) {
        JsonNode root = read(json);
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        JsonNode value = read(valueJson);
        if (parent instanceof ObjectNode object) {
            object.set(p.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array) {
            array.set(p.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no container at " + p.head() + " in " + json);
        }
        return root.toString();
    }

    /** Returns json without the member or element at pointer. */
    static String without(String json, String pointer) {
        JsonNode root = read(json);
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ObjectNode object && object.has(p.last().getMatchingProperty())) {
            object.remove(p.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode array && p.last().getMatchingIndex() >= 0) {
            array.remove(p.last().getMatchingIndex());
        } else {
            throw new IllegalArgumentException("nothing at " + pointer + " in " + json);
        }
        return root.toString();
    }

    static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
