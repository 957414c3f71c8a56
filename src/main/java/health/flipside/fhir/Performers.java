package health.flipside.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.IdType;

/**
 * Who took a reading or answered a form, and where: the patient's own data (PGHD) against what clinic staff
 * measured. Every reader asks here, so "home" means one thing for blood pressure, the other streams and PROMs.
 */
final class Performers {
    /** US vitals IG MeasurementSettingExt; SNOMED 264362003 = Home. */
    static final String MEASUREMENT_SETTING = "http://hl7.org/fhir/us/vitals/StructureDefinition/MeasurementSettingExt";
    static final String HOME_SETTING = ObservationCodes.SNOMED + "|264362003";
    private static final Set<String> PATIENT_PERFORMERS = Set.of("Patient", "RelatedPerson");
    private static final Set<String> STAFF_PERFORMERS = Set.of("Practitioner", "PractitionerRole", "Organization", "CareTeam");

    private Performers() {
    }

    /**
     * Patient-generated when the setting says home, or the patient (or a carer) performed it (US vitals IG
     * MeasurementSetting = Home; CardX SMBP: performer = Patient). Clinic staff as performer make it an office
     * reading even from a connected device; with no performer, a device reading is taken as home.
     */
    static boolean isHome(ObservationView observation) {
        for (Concept setting : observation.measurementSettings()) {
            if (setting.codes().contains(HOME_SETTING)) {
                return true;
            }
        }
        List<String> performers = resourceTypes(observation.performers());
        if (!Collections.disjoint(performers, PATIENT_PERFORMERS)) {
            return true;
        }
        return Collections.disjoint(performers, STAFF_PERFORMERS) && observation.hasDevice();
    }

    /** Performed by clinic staff or an organisation: not the patient's own data. */
    static boolean isStaffPerformed(ObservationView observation) {
        return !Collections.disjoint(resourceTypes(observation.performers()), STAFF_PERFORMERS);
    }

    /** Done by the patient (or a carer) themselves: a remote questionnaire, a home reading. */
    static boolean byPatient(List<String> references) {
        return !Collections.disjoint(resourceTypes(references), PATIENT_PERFORMERS);
    }

    private static List<String> resourceTypes(List<String> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        List<String> types = new ArrayList<>(references.size());
        for (String reference : references) {
            String type = resourceType(reference);
            if (type != null) {
                types.add(type);
            }
        }
        return types;
    }

    /**
     * The resource type of a reference. The usual relative form ("Patient/123") is split here, since every reading
     * names its performer; any other form (absolute, versioned, contained, urn) is left to HAPI's IdType.
     */
    static String resourceType(String reference) {
        int slash = reference.indexOf('/');
        if (slash > 0 && slash == reference.lastIndexOf('/') && isTypeName(reference, slash)
                && FhirValues.isId(reference, slash + 1)) {
            return reference.substring(0, slash);
        }
        return new IdType(reference).getResourceType();
    }

    private static boolean isTypeName(String reference, int end) {
        if (!(reference.charAt(0) >= 'A' && reference.charAt(0) <= 'Z')) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = reference.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
